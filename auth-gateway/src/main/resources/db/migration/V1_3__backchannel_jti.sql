-- jti of every accepted OIDC back-channel logout token, per org, so that a replayed token is
-- refused (insert conflict). Rows are kept until the token could no longer be accepted anyway
-- (iat + max age + skew), then pruned.
create table backchannel_jti (
    org_id      text        not null,
    jti         text        not null,
    expires_at  timestamptz not null,
    primary key (org_id, jti)
);

create index backchannel_jti_expires_at on backchannel_jti (expires_at);
