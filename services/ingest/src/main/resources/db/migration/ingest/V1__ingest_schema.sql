-- The ingest service's schema: the naming table, import jobs with their row errors, the transactional outbox (audit
-- records), and the warehouse that Superset reads (schema warehouse).

-- The naming table: header spellings -> canonical field of a dataset. The spelling is kept as entered; lookups use
-- its normalized form (io.polyclinic.ingest.naming.HeaderNormalizer), unique per dataset.
create table naming_spellings (
    id          uuid primary key,
    dataset     text        not null check (dataset ~ '^[a-z][a-z_]{0,49}$'),
    spelling    text        not null check (length(spelling) between 1 and 200),
    normalized  text        not null check (length(normalized) between 1 and 200),
    field       text        not null check (field ~ '^[a-z][a-z_]{0,49}$'),
    created_by  uuid,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (dataset, normalized)
);
create index naming_spellings_field on naming_spellings (dataset, field);

-- An import is a job: the uploaded file is an object in the bucket; counts and progress are written while it runs.
create table import_jobs (
    id               uuid primary key,
    dataset          text        not null check (dataset ~ '^[a-z][a-z_]{0,49}$'),
    policy           text        not null check (policy in ('ALL_OR_NOTHING', 'SKIP_INVALID')),
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    file_name        text        not null check (length(file_name) between 1 and 255),
    file_size        bigint      not null check (file_size >= 0),
    object_key       text        not null check (length(object_key) between 1 and 1024),
    sheet            text        check (length(sheet) <= 255),
    started_by       uuid        not null,
    clinic_scope     uuid[]      not null default '{}',
    admin            boolean     not null default false,
    rows_total       bigint      check (rows_total >= 0),
    rows_read        bigint      not null default 0 check (rows_read >= 0),
    inserted         bigint      not null default 0 check (inserted >= 0),
    updated          bigint      not null default 0 check (updated >= 0),
    unchanged        bigint      not null default 0 check (unchanged >= 0),
    rejected         bigint      not null default 0 check (rejected >= 0),
    failure_reason   text        check (length(failure_reason) <= 2000),
    cancel_requested boolean     not null default false,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
-- The listing (newest first, optionally one user's) and the restart's sweep of RUNNING jobs.
create index import_jobs_created on import_jobs (created_at desc, id);
create index import_jobs_started_by on import_jobs (started_by, created_at desc);
create index import_jobs_running on import_jobs (status) where status in ('QUEUED', 'RUNNING');

-- Per-row errors of an import, in file order (seq), for the CSV and .xlsx reports. Values are cut to 500 characters.
create table import_row_errors (
    import_id   uuid    not null references import_jobs (id) on delete cascade,
    seq         integer not null,
    sheet       text    check (length(sheet) <= 255),
    row_number  bigint  not null,
    column_name text    check (length(column_name) <= 255),
    cell_value  text    check (length(cell_value) <= 500),
    reason      text    not null check (length(reason) <= 500),
    primary key (import_id, seq)
);

-- The transactional outbox (io.polyclinic.platform.outbox; the same table in every service): audit records, written
-- in the transaction of the change and sent by the relay.
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

-- The warehouse: what Superset charts. Monthly visits and revenue per clinic, department and doctor; one row per
-- natural key, so a re-import of the same file leaves the same rows.
create schema if not exists warehouse;

create table warehouse.clinic_visits (
    month      date          not null check (extract(day from month) = 1),
    clinic     text          not null check (length(clinic) between 1 and 200),
    department text          not null check (length(department) between 1 and 200),
    doctor     text          not null check (length(doctor) between 1 and 200),
    visits     integer       not null check (visits >= 0),
    revenue    numeric(14, 2) not null check (revenue >= 0),
    import_id  uuid,
    loaded_at  timestamptz   not null default now(),
    primary key (month, clinic, department, doctor)
);
comment on table warehouse.clinic_visits is 'Monthly visits and revenue per clinic, department and doctor (dataset clinic_visits).';
comment on column warehouse.clinic_visits.month is 'The first day of the month the figures are for.';
comment on column warehouse.clinic_visits.revenue is 'Revenue of the month in the clinic''s currency, 2 decimals.';
comment on column warehouse.clinic_visits.import_id is 'The import that last wrote the row (null for demo data).';
