-- Transactional outbox: a service writes its state change and the event rows in one
-- transaction; the relay publishes rows in id order and deletes them once Kafka acknowledged.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    msg_key     text        not null,
    ce_type     text        not null,
    ce_id       text        not null,
    ce_source   text        not null,
    ce_time     timestamptz not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Wakes the relay at commit (notifications are delivered only when the transaction commits).
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_' || tg_table_schema, '');
    return null;
end
$$;

create trigger outbox_notify after insert on outbox
    for each statement execute function outbox_notify();
