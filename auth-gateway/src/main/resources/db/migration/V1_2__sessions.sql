-- Server-side session registry. The cookie carries the session id (sealed); this table lets users
-- and admins list and revoke sessions, and tells a replica that starts after a revocation event
-- went by that the session is dead (revoked_at is the source of truth).
create table sessions (
    id            uuid        primary key,
    user_id       text        not null,
    org_id        text        not null,
    auth_method   text        not null check (auth_method like 'sso:%'),
    idp_subject   text        not null,
    idp_sid       text,
    auth_time     timestamptz not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    last_seen_ip  text,
    user_agent    text,
    revoked_at    timestamptz,
    revoked_reason text
);

create index sessions_user_id on sessions (user_id) where revoked_at is null;
create index sessions_org_subject on sessions (org_id, idp_subject) where revoked_at is null;
create index sessions_org_sid on sessions (org_id, idp_sid) where idp_sid is not null and revoked_at is null;
