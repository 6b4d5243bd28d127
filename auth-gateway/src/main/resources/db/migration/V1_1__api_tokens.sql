-- API tokens (hub_...): only the SHA-256 of the secret is kept. revoked_at is the source of truth
-- for a replica that starts after the revocation event went by.
create table api_tokens (
    id          uuid        primary key,
    user_id     text        not null,
    token_hash  text        not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
    scope       text        not null check (scope in ('read', 'write')),
    created_at  timestamptz not null,
    expires_at  timestamptz,
    revoked_at  timestamptz
);

create index api_tokens_user_id on api_tokens (user_id);
