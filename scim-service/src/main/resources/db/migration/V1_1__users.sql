-- SCIM Users of every organization. One row per SCIM resource; the outbox row that announces
-- a change commits in the same transaction.
create table users (
    id              uuid        primary key,
    org_id          text        not null,
    user_name       text        not null,
    -- managed hub username derived from user_name and the org's short code (read-only in SCIM)
    hub_username    text        not null,
    external_id     text,
    given_name      text,
    family_name     text,
    formatted_name  text,
    display_name    text,
    -- the address the hub uses (work, else primary, else first); all addresses are in emails
    email           text,
    emails          text        not null default '[]',
    active          boolean     not null default true,
    version         bigint      not null,
    created         timestamptz not null,
    last_modified   timestamptz not null
);

-- userName and the derived username are unique per org, case-insensitively (SCIM 409 uniqueness)
create unique index users_org_user_name_uq on users (org_id, lower(user_name));
create unique index users_org_hub_username_uq on users (org_id, lower(hub_username));
-- externalId eq (Entra matches on it first); caseExact, so a plain index
create index users_org_external_id_idx on users (org_id, external_id);
-- stable paging order
create index users_org_created_idx on users (org_id, created, id);
