-- The transactional outbox (io.polyclinic.platform.outbox; the same table in every service): events for Kafka
-- booking.events and audit records, written in the transaction of the change and sent by the relay.
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
    traceparent  text        check (length(traceparent) <= 55)
);

-- The relay's claim (pending rows of one destination in id order) and its pending count / oldest age.
create index outbox_pending on outbox (destination, id) where published_at is null;

-- Pruning of published rows older than the retention.
create index outbox_published on outbox (published_at) where published_at is not null;

-- Who to write to about an appointment, and in which language (S5): the patient's email from the access token and
-- the language of the booking request, kept with the appointment so events carry them.
alter table appointments
    add column patient_email varchar(320),
    add column locale        varchar(2) not null default 'en' check (locale in ('ru', 'en'));
