-- Deep pages without walking the organization: a page at startIndex 500,000 among a million
-- users used to be an OFFSET over 500,000 index entries.
--
-- Unsorted lists are now ordered by id (a random UUID), and the counter rows of V1_5 become
-- buckets: slot n counts the organization's users whose id starts with byte n (0..255). The
-- position of a page is then found from at most 256 counter rows: the bucket where the page
-- starts, and how many of that bucket's users come before it; the page is read from the bucket's
-- first id with an OFFSET within that bucket only (about 4,000 users per bucket at a million).
-- The counters are kept in the writing transaction, so within one statement they agree with the
-- rows the statement sees, and pages stay exact.
--
-- A writer locks the counter rows of the buckets its users fall in, in (org_id, slot) order within
-- a statement; the service writes one user per transaction.

-- No write runs while the counters change meaning (SHARE ROW EXCLUSIVE, until this migration
-- commits), so none is missed or counted twice.
lock table users in share row exclusive mode;

-- the first byte of a user id: the bucket it is counted in
create function user_bucket(id uuid) returns smallint language sql immutable parallel safe
    return get_byte(uuid_send(id), 0)::smallint;

-- the smallest id of a bucket
create function user_bucket_start(slot smallint) returns uuid language sql immutable parallel safe
    return (lpad(to_hex(slot::integer), 2, '0') || '000000-0000-0000-0000-000000000000')::uuid;

create or replace function org_user_counts_inserted() returns trigger language plpgsql
    set search_path from current as $$
begin
    insert into org_user_counts as c (org_id, slot, users)
    select n.org_id, user_bucket(n.id), count(*) from inserted_users n
    group by n.org_id, user_bucket(n.id) order by 1, 2
    on conflict (org_id, slot) do update set users = c.users + excluded.users;
    return null;
end
$$;

create or replace function org_user_counts_deleted() returns trigger language plpgsql
    set search_path from current as $$
begin
    insert into org_user_counts as c (org_id, slot, users)
    select o.org_id, user_bucket(o.id), -count(*) from deleted_users o
    group by o.org_id, user_bucket(o.id) order by 1, 2
    on conflict (org_id, slot) do update set users = c.users + excluded.users;
    return null;
end
$$;

-- the default order, and the walk from a bucket's first id
create index users_org_id_idx on users (org_id, id);

-- recount into buckets (at a million users, about a second)
delete from org_user_counts;
insert into org_user_counts (org_id, slot, users)
select org_id, user_bucket(id), count(*) from users group by 1, 2;
