-- Alert rules of a site (S7 "Alerts"): "visitors in the last hour above a threshold" (VISITORS_PER_HOUR) or "no
-- pageview for a number of minutes" (NO_PAGEVIEWS). last_fired_at carries the cooldown: a firing claims the rule with
-- one conditional update, so two replicas evaluating at once send one email.
create table alert_rules (
    id               uuid primary key,
    site_id          uuid        not null references sites (id),
    kind             text        not null check (kind in ('VISITORS_PER_HOUR', 'NO_PAGEVIEWS')),
    threshold        integer     not null check (threshold between 1 and 100000000),
    cooldown_minutes integer     not null check (cooldown_minutes between 1 and 10080),
    email            text        not null check (length(email) between 3 and 254),
    locale           text        not null check (locale in ('ru', 'en')),
    enabled          boolean     not null default true,
    last_fired_at    timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

create index alert_rules_site on alert_rules (site_id, created_at);
create index alert_rules_enabled on alert_rules (kind) where enabled;

-- Every firing, kept as history (shown by the API); the email job went into the outbox in the same transaction.
create table alert_firings (
    id        uuid primary key,
    rule_id   uuid        not null references alert_rules (id) on delete cascade,
    fired_at  timestamptz not null,
    observed  bigint      not null,
    threshold integer     not null,
    email     text        not null
);

create index alert_firings_rule on alert_firings (rule_id, fired_at desc);

-- Booking conversions (S7): the first referrer source and UTM tags of each tracker session, learned from the raw
-- events, and each appointment booked from a tracked visit (AppointmentBooked with a trackerSessionId). A booking is
-- attributed by joining the two, so a booking that arrives before its visit's events is attributed once they come.
create table tracked_visits (
    tracker_session_id text        primary key check (tracker_session_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    site_id            uuid        not null,
    first_seen         timestamptz not null,
    referrer_source    text        not null check (length(referrer_source) <= 100),
    utm_source         text        check (length(utm_source) <= 200),
    utm_medium         text        check (length(utm_medium) <= 200),
    utm_campaign       text        check (length(utm_campaign) <= 200),
    entry_path         text        not null check (length(entry_path) <= 2048)
);

create index tracked_visits_first_seen on tracked_visits (first_seen);

create table booking_conversions (
    appointment_id     uuid        primary key,
    event_id           uuid        not null unique,
    tracker_session_id text        not null check (tracker_session_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    clinic_id          uuid        not null,
    booked_at          timestamptz not null
);

create index booking_conversions_session on booking_conversions (tracker_session_id);
create index booking_conversions_booked on booking_conversions (booked_at);

-- The read-only login of Grafana's site-owner dashboard (created by the compose stack's init script, absent
-- elsewhere) may connect and read the rollups, the conversions and the sites' names; never raw events or sessions.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'analytics_reader') then
        execute format('grant connect on database %I to analytics_reader', current_database());
        grant usage on schema public to analytics_reader;
        grant select on rollups, booking_conversions, tracked_visits to analytics_reader;
        grant select (id, clinic_id, name, time_zone, active) on sites to analytics_reader;
    end if;
end
$$;
