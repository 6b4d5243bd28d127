-- Org settings beyond the first slice: the IdP connection (the client secret only as a reference
-- to where it is stored), claim paths and role mapping rules (JSON text, validated by the API).
alter table orgs
    add column idp_issuer            text,
    add column idp_client_id         text,
    add column idp_client_secret_ref text,
    add column idp_scopes            text not null default '',
    add column claim_paths           text not null default '{}',
    add column role_mapping          text not null default '[]';

-- Resource groups of an org, each with the SCIM groups (or IdP group claims) that grant a role in it.
create table resource_groups (
    id      uuid        primary key,
    org_id  uuid        not null references orgs (id),
    name    text        not null,
    -- JSON array of {scimGroup, role}
    links   text        not null default '[]',
    created timestamptz not null,
    updated timestamptz not null,
    constraint resource_groups_org_name_key unique (org_id, name)
);

-- Accounts created just in time have no SCIM user until SCIM pushes one and they are linked.
alter table accounts
    alter column scim_user_id drop not null,
    add column source               text not null default 'scim' check (source in ('scim', 'jit')),
    add column idp_issuer           text,
    add column idp_subject          text,
    -- claims of the latest login (JSON), so that a SCIM group change re-evaluates the same rules
    add column last_claims          text,
    -- JSON object: resource group id -> role
    add column resource_group_roles text not null default '{}';
create unique index accounts_idp_subject_key on accounts (org_id, idp_issuer, idp_subject) where idp_subject is not null;
create index accounts_org_external_id_idx on accounts (org_id, external_id);
create index accounts_org_email_idx on accounts (org_id, lower(email));

-- SCIM groups and their members, as far as roles need them.
create table scim_groups (
    scim_group_id     text    primary key,
    org_id            uuid    not null references orgs (id),
    display_name      text,
    external_id       text,
    last_scim_version bigint  not null,
    deleted           boolean not null default false
);
create table scim_group_members (
    scim_group_id text not null references scim_groups (scim_group_id),
    scim_user_id  text not null,
    primary key (scim_group_id, scim_user_id)
);
create index scim_group_members_user_idx on scim_group_members (scim_user_id);

-- Audit log: every provisioning, role, token and settings change, written in the change's transaction.
create table audit_log (
    id         bigserial   primary key,
    org_id     uuid        not null,
    at         timestamptz not null,
    actor      text        not null,
    action     text        not null,
    target     text        not null,
    before     text,
    after      text,
    request_id text
);
create index audit_log_org_idx on audit_log (org_id, id);
