-- SCIM Groups of every organization and their members (users of the same organization). The
-- outbox row announcing a change commits in the same transaction.
create table groups (
    id              uuid        primary key,
    org_id          text        not null,
    display_name    text        not null,
    external_id     text,
    version         bigint      not null,
    created         timestamptz not null,
    last_modified   timestamptz not null
);

-- displayName is unique per org, case-insensitively (Entra requires it; SCIM 409 uniqueness);
-- the same index serves displayName eq
create unique index groups_org_display_name_uq on groups (org_id, lower(display_name));
-- externalId eq; caseExact, so a plain index
create index groups_org_external_id_idx on groups (org_id, external_id);
-- stable paging order
create index groups_org_created_idx on groups (org_id, created, id);

-- Membership. A deleted group or user takes its rows with it (the service removes a deleted
-- user from its groups itself first, so that each group change is announced).
create table group_members (
    group_id    uuid not null references groups (id) on delete cascade,
    user_id     uuid not null references users (id) on delete cascade,
    primary key (group_id, user_id)
);
-- members.value eq on groups, and groups of a user
create index group_members_user_idx on group_members (user_id, group_id);
