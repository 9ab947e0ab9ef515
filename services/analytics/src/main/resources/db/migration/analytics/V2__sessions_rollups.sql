-- Sessions (30 minutes of inactivity end one) as the processor keeps them up to date, batch by batch. A session holds
-- what its rollup contribution needs: when it started and was last seen, its pageviews and its entry attributes
-- (those of its earliest event). Kept as long as raw events; the rollups stay.
create table sessions (
    session_id   uuid primary key,
    site_id      uuid        not null,
    visitor_id   bigint      not null,
    started_at   timestamptz not null,
    last_seen    timestamptz not null,
    pageviews    integer     not null,
    events       integer     not null,
    entry_page   text        not null,
    source       text        not null,
    utm_source   text        not null,
    utm_medium   text        not null,
    utm_campaign text        not null,
    country      text        not null,
    device       text        not null,
    browser      text        not null
);

-- The sessionizer's look-up: a visitor's sessions near a batch's events.
create index sessions_visitor on sessions (site_id, visitor_id, last_seen);
create index sessions_last_seen on sessions (last_seen);

-- Hourly and daily rollups, kept up to date per batch by upserts of the buckets a batch touches (never a rescan of
-- events). bucket is the start of the hour or day as wall-clock time in the site's time zone, so reports read the
-- site's local hours and days directly. dimension 'total' has value ''; the others are 'page', 'source',
-- 'utm_source', 'utm_medium', 'utm_campaign', 'country', 'device', 'browser'. Session figures (sessions, bounces,
-- duration) count in the bucket of the session's start, by its entry attributes; a later event that changes a
-- session moves its contribution (subtracted where it was, added where it is now).
create table rollups (
    site_id          uuid      not null,
    granularity      text      not null check (granularity in ('hour', 'day')),
    bucket           timestamp not null,
    dimension        text      not null check (length(dimension) <= 20),
    value            text      not null check (length(value) <= 2048),
    pageviews        bigint    not null,
    events           bigint    not null,
    visitors         bigint    not null,
    sessions         bigint    not null,
    bounces          bigint    not null,
    duration_seconds bigint    not null,
    primary key (site_id, granularity, dimension, bucket, value)
);

-- Which visitors a bucket already counted, so unique visitors stay right under incremental updates: a visitor counts
-- once per bucket and value. Pruned with the raw events (a late event older than that is not taken any more).
create table rollup_visitors (
    site_id     uuid      not null,
    granularity text      not null,
    bucket      timestamp not null,
    dimension   text      not null,
    value       text      not null,
    visitor_id  bigint    not null,
    primary key (site_id, granularity, bucket, dimension, value, visitor_id)
);

create index rollup_visitors_bucket on rollup_visitors (bucket);
