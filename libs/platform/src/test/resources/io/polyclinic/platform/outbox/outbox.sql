-- The transactional outbox of a service (io.polyclinic.platform.outbox). Each service's migrations create this
-- table with exactly these columns; the platform's tests create it from this file (a test resource).
create table outbox (
    id           uuid primary key,
    destination  text        not null check (length(destination) between 1 and 200),
    msg_key      text        not null check (length(msg_key) between 1 and 200),
    type         text        not null check (length(type) between 1 and 100),
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text,
    -- The W3C traceparent of the request that wrote the row (null without tracing): the relay's Kafka sender puts
    -- it on the record, so consumers continue the request's trace.
    traceparent  text        check (length(traceparent) <= 55),
    -- Set when the destination refused the row for good (the reason kept); such a row is never sent again.
    dead_at       timestamptz,
    dead_reason   text check (length(dead_reason) <= 2000),
    -- Until when a relay's claim on the row holds while it sends the row outside any transaction.
    claimed_until timestamptz
);

-- The relay's claim (pending rows of one destination in id order) and its pending count / oldest age.
create index outbox_pending on outbox (destination, id) where published_at is null and dead_at is null;

-- Pruning of published rows older than the retention.
create index outbox_published on outbox (published_at) where published_at is not null;
