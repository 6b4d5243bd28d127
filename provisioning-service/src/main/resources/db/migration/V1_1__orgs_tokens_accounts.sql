-- Organizations: the authority on each org's SSO settings; every change bumps version and
-- is published as an OrgConfig snapshot on hub.org-config.v1 through the outbox.
create table orgs (
    id                      uuid        primary key,
    name                    text        not null,
    short_code              text        not null,
    sso_mode                text        not null check (sso_mode in ('MANAGED', 'BASIC')),
    public_content_allowed  boolean     not null,
    -- comma-separated, lowercase; domains cannot contain a comma
    allowed_email_domains   text        not null default '',
    session_max_age_seconds bigint      not null check (session_max_age_seconds > 0),
    default_role            text        not null check (default_role in ('read', 'contributor', 'write', 'admin')),
    version                 bigint      not null,
    created                 timestamptz not null,
    updated                 timestamptz not null,
    constraint orgs_name_key unique (name),
    constraint orgs_short_code_key unique (short_code)
);

-- SCIM bearer tokens, as SHA-256 hashes only: the plaintext is shown once at issue time.
-- Revoked rows are kept (revoked_at set) so that an audit log can refer to them.
create table scim_tokens (
    id         uuid        primary key,
    org_id     uuid        not null references orgs (id),
    sha256     text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz not null,
    expires_at timestamptz,
    revoked_at timestamptz,
    constraint scim_tokens_sha256_key unique (sha256)
);
create index scim_tokens_org_idx on scim_tokens (org_id);

-- Hub accounts. A deleted account stays as a DELETED tombstone: its username stays taken and
-- no later (or replayed) SCIM event can bring it back.
create table accounts (
    id                uuid        primary key,
    org_id            uuid        not null references orgs (id),
    scim_user_id      text        not null,
    username          text        not null,
    email             text,
    display_name      text,
    external_id       text,
    status            text        not null check (status in ('ACTIVE', 'DEACTIVATED', 'DELETED')),
    org_role          text        not null check (org_role in ('read', 'contributor', 'write', 'admin')),
    revoked_before    timestamptz,
    user_version      bigint      not null,
    last_scim_version bigint      not null,
    created           timestamptz not null,
    updated           timestamptz not null,
    constraint accounts_scim_user_id_key unique (scim_user_id),
    constraint accounts_username_key unique (username)
);
-- usernames are unique case-insensitively (hub rule)
create unique index accounts_username_lower_key on accounts (lower(username));
create index accounts_org_idx on accounts (org_id);
