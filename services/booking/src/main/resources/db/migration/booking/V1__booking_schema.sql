-- S3 booking schema: clinics, specialties, doctors, slots, appointments, working plans.
-- Invariants the database enforces: a doctor's slots never overlap, one live appointment per slot,
-- a patient's BOOKED appointments never overlap.
create extension if not exists btree_gist;
create extension if not exists pg_trgm;

create table clinics (
    id          uuid primary key,
    name        varchar(200)     not null,
    address     varchar(500)     not null,
    city        varchar(100)     not null,
    latitude    double precision not null check (latitude between -90 and 90),
    longitude   double precision not null check (longitude between -180 and 180),
    time_zone   varchar(64)      not null,
    phone       varchar(40),
    created_at  timestamptz      not null default now(),
    updated_at  timestamptz      not null default now()
);
create index clinics_city_idx on clinics (lower(city));
create index clinics_name_idx on clinics (name, id);

create table clinic_managers (
    clinic_id uuid not null references clinics (id) on delete cascade,
    user_id   uuid not null,
    primary key (clinic_id, user_id)
);
create index clinic_managers_user_idx on clinic_managers (user_id);

create table specialties (
    code    varchar(50)  primary key check (code ~ '^[a-z0-9][a-z0-9-]*$'),
    name_ru varchar(200) not null,
    name_en varchar(200) not null
);

create table doctors (
    id               uuid primary key,
    full_name        varchar(200)  not null,
    -- lower case, ё folded to е: what name search matches against (pg_trgm GIN below serves LIKE '%..%')
    search_name      text generated always as (lower(translate(full_name, 'Ёё', 'Ее'))) stored,
    bio              varchar(4000),
    experience_years integer       check (experience_years between 0 and 80),
    photo_url        varchar(1000),
    status           varchar(16)   not null check (status in ('ACTIVE', 'ON_LEAVE', 'INACTIVE')),
    rating_avg       numeric(3, 2) not null default 0,
    rating_count     integer       not null default 0,
    created_at       timestamptz   not null default now(),
    updated_at       timestamptz   not null default now()
);
create index doctors_search_name_trgm_idx on doctors using gin (search_name gin_trgm_ops);
create index doctors_full_name_idx on doctors (full_name, id);
create index doctors_rating_idx on doctors (rating_avg desc, rating_count desc);

create table doctor_specialties (
    doctor_id      uuid        not null references doctors (id) on delete cascade,
    specialty_code varchar(50) not null references specialties (code) on update cascade,
    primary key (doctor_id, specialty_code)
);
create index doctor_specialties_code_idx on doctor_specialties (specialty_code, doctor_id);

create table doctor_clinics (
    doctor_id uuid not null references doctors (id) on delete cascade,
    clinic_id uuid not null references clinics (id),
    primary key (doctor_id, clinic_id)
);
create index doctor_clinics_clinic_idx on doctor_clinics (clinic_id, doctor_id);

create table slots (
    id         uuid primary key,
    doctor_id  uuid        not null references doctors (id),
    clinic_id  uuid        not null references clinics (id),
    start_at   timestamptz not null,
    end_at     timestamptz not null,
    status     varchar(16) not null default 'AVAILABLE' check (status in ('AVAILABLE', 'BOOKED', 'BLOCKED')),
    created_at timestamptz not null default now(),
    constraint slots_end_after_start check (end_at > start_at),
    constraint slots_no_overlap exclude using gist (doctor_id with =, tstzrange(start_at, end_at) with &&)
);
-- serves the nearest free slot (LATERAL ... order by start_at limit 1) and "has a free slot on date"
create index slots_available_idx on slots (doctor_id, start_at) where status = 'AVAILABLE';
create index slots_clinic_start_idx on slots (clinic_id, start_at);

create table appointments (
    id            uuid primary key,
    patient_id    uuid         not null,
    slot_id       uuid         not null references slots (id),
    doctor_id     uuid         not null references doctors (id),
    clinic_id     uuid         not null references clinics (id),
    -- copies of the slot's times, so the patient-overlap exclusion constraint can see them
    start_at      timestamptz  not null,
    end_at        timestamptz  not null,
    status        varchar(16)  not null check (status in ('BOOKED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
    created_at    timestamptz  not null default now(),
    cancelled_at  timestamptz,
    cancel_reason varchar(500),
    cancelled_by  uuid,
    constraint appointments_end_after_start check (end_at > start_at),
    constraint appointments_patient_no_overlap
        exclude using gist (patient_id with =, tstzrange(start_at, end_at) with &&) where (status = 'BOOKED')
);
-- at most one live (not cancelled) appointment per slot
create unique index appointments_one_live_per_slot on appointments (slot_id) where status <> 'CANCELLED';
create index appointments_patient_start_idx on appointments (patient_id, start_at desc);

create table working_plans (
    id            uuid primary key,
    doctor_id     uuid        not null references doctors (id) on delete cascade,
    clinic_id     uuid        not null references clinics (id),
    from_date     date        not null,
    to_date       date        not null,
    days          varchar(80) not null,
    start_time    time        not null,
    end_time      time        not null,
    breaks        text        not null,
    slot_minutes  integer     not null check (slot_minutes between 5 and 480),
    slots_created integer     not null,
    slots_skipped integer     not null,
    created_by    uuid        not null,
    created_at    timestamptz not null default now(),
    constraint working_plans_dates check (to_date >= from_date),
    constraint working_plans_times check (end_time > start_time)
);

-- the demo data set: loaded once, its weekly schedules kept so every start can top slots up
create table demo_schedules (
    doctor_id    uuid        not null references doctors (id) on delete cascade,
    clinic_id    uuid        not null references clinics (id),
    days         varchar(80) not null,
    start_time   time        not null,
    end_time     time        not null,
    slot_minutes integer     not null,
    primary key (doctor_id, clinic_id)
);
create table demo_data_runs (
    id        integer primary key check (id = 1),
    loaded_at timestamptz not null
);
