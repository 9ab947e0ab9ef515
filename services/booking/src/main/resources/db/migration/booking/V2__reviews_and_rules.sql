-- S3 reviews, appointment outcomes (automatic completion, no-show) and reschedule bookkeeping.

-- Who closed an appointment and when: null by for the automatic completion, the staff user for a no-show.
alter table appointments add column outcome_at timestamptz;
alter table appointments add column outcome_by uuid;
-- how many times the patient moved the appointment to another slot
alter table appointments add column reschedule_count integer not null default 0;
-- serves the completion job: BOOKED appointments whose slot has ended, oldest first
create index appointments_booked_end_idx on appointments (end_at) where status = 'BOOKED';

create table reviews (
    id             uuid primary key,
    appointment_id uuid          not null references appointments (id),
    doctor_id      uuid          not null references doctors (id),
    patient_id     uuid          not null,
    rating         smallint      not null check (rating between 1 and 5),
    text           varchar(2000),
    created_at     timestamptz   not null default now(),
    hidden_at      timestamptz,
    hidden_by      uuid,
    hidden_reason  varchar(500),
    -- one review per appointment, whatever the code does
    constraint reviews_one_per_appointment unique (appointment_id),
    constraint reviews_hidden_consistent check ((hidden_at is null) = (hidden_by is null))
);
-- serves the doctor's visible reviews, newest first, and the rating aggregate (rating included: index-only scan)
create index reviews_doctor_visible_idx on reviews (doctor_id, created_at desc, id desc) include (rating)
    where hidden_at is null;
