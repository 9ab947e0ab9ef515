-- Sites a clinic tracks (S7). The tracking id is what the snippet carries and the collector checks: random and
-- unguessable, never the database id. A deleted site is kept inactive (its events and rollups stay readable by
-- admins), and its tracking id is published as inactive so the collector refuses its events from then on.
create table sites (
    id          uuid primary key,
    clinic_id   uuid        not null,
    name        text        not null check (length(name) between 1 and 200),
    tracking_id text        not null unique check (tracking_id ~ '^[A-Za-z0-9_-]{8,64}$'),
    domains     text[]      not null check (cardinality(domains) between 1 and 20),
    time_zone   text        not null check (length(time_zone) between 1 and 64),
    active      boolean     not null default true,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create index sites_clinic on sites (clinic_id, name) where active;

-- Enriched events, one row per accepted raw event, partitioned by the UTC day of received_at (the collector's clock,
-- so a client cannot place an event outside the partitions kept). Partitions are created ahead by the service
-- (PartitionMaintenance) and dropped whole once older than the retention; the default partition catches what falls
-- outside them, so an insert never fails for want of a partition. Nothing here identifies a person: no IP address,
-- no user agent, only the daily-rotating visitor hash.
create table events (
    event_id         uuid        not null,
    received_at      timestamptz not null,
    site_id          uuid        not null,
    client_time      timestamptz,
    type             text        not null check (type in ('pageview', 'click', 'custom', 'outbound')),
    name             text        not null check (length(name) between 1 and 120),
    hostname         text        not null check (length(hostname) <= 253),
    path             text        not null check (length(path) <= 2048),
    referrer_host    text        check (length(referrer_host) <= 253),
    referrer_source  text        not null check (length(referrer_source) <= 100),
    utm_source       text        check (length(utm_source) <= 200),
    utm_medium       text        check (length(utm_medium) <= 200),
    utm_campaign     text        check (length(utm_campaign) <= 200),
    country          text        not null check (length(country) <= 7),
    browser          text        not null check (length(browser) <= 100),
    os               text        not null check (length(os) <= 100),
    device           text        not null check (length(device) <= 50),
    screen_width     integer,
    visitor_id       bigint      not null,
    session_id       uuid        not null,
    props            jsonb,
    revenue_amount   numeric(19, 4),
    revenue_currency text        check (revenue_currency ~ '^[A-Z]{3}$'),
    primary key (event_id, received_at)
) partition by range (received_at);

create table events_default partition of events default;

create index events_site_time on events (site_id, received_at);

-- The transactional outbox (io.polyclinic.platform.outbox; the same table in every service): site records for the
-- compacted topic analytics.sites and audit records, written in the transaction of the change and sent by the relay.
create table outbox (
    id            uuid primary key,
    destination   text        not null check (length(destination) between 1 and 200),
    msg_key       text        not null check (length(msg_key) between 1 and 200),
    type          text        not null check (length(type) between 1 and 100),
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text,
    traceparent   text        check (length(traceparent) <= 55),
    dead_at       timestamptz,
    dead_reason   text        check (length(dead_reason) <= 2000),
    claimed_until timestamptz
);

create index outbox_pending on outbox (destination, id) where published_at is null and dead_at is null;
create index outbox_published on outbox (published_at) where published_at is not null;
