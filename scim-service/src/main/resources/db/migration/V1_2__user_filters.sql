-- Filters (RFC 7644 §3.4.2.2) run as SQL; these indexes keep the IdPs' lookups index scans at a
-- million users per org.

-- emails as lower-cased jsonb, maintained by PostgreSQL: emails[type eq "work"].value eq "x" and
-- emails.value eq "x" are case-insensitive, so they become containment (@>) on this column
alter table users add column emails_ci jsonb generated always as (lower(emails)::jsonb) stored;
create index users_emails_ci_gin on users using gin (emails_ci jsonb_path_ops);

-- displayName eq (case-insensitive)
create index users_org_display_name_idx on users (org_id, lower(display_name));
