-- Notifier (S5): which events were handled, the emails to send (an outbox of emails), and the upcoming
-- appointments the reminder job reads.

-- One row per handled Kafka event: written in the transaction that records the event's email, so a redelivered
-- event finds its id here and sends nothing.
create table processed_event (
    event_id     uuid primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);

-- Housekeeping deletes ids older than the retention (far beyond any redelivery).
create index processed_event_processed_at on processed_event (processed_at);

-- Every email the notifier decided to send. The id is derived from what caused it (an event id, a job id, an
-- appointment's reminder), so one cause can never produce two rows; it is also the email's Message-ID.
create table email (
    id              uuid primary key,
    channel         text        not null check (channel in ('EVENT', 'JOB', 'REMINDER')),
    template        text        not null,
    recipient       text        not null,
    subject         text        not null,
    text_body       text        not null,
    html_body       text,
    ics             text,
    ics_method      text,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0,
    last_error      text,
    next_attempt_at timestamptz,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    -- The trace under which the email was decided (for a booking event: the consumer span, which continues the trace
    -- of the booking request, decision 0022); null without tracing.
    trace_id        text        check (length(trace_id) <= 64)
);

-- The relay's query: pending emails due for a (re)try, oldest first. Jobs have no next_attempt_at: their queue
-- retries them.
create index email_due on email (next_attempt_at) where status = 'PENDING' and next_attempt_at is not null;

-- Housekeeping deletes finished emails older than the retention.
create index email_created_at on email (created_at) where status <> 'PENDING';

-- The notifier's own copy of the appointments it heard about: the latest state from booking events.
create table appointment (
    appointment_id   uuid primary key,
    patient_email    text        not null,
    locale           text        not null,
    doctor_name      text        not null,
    clinic_name      text        not null,
    clinic_address   text        not null,
    clinic_time_zone text        not null,
    start_at         timestamptz not null,
    end_at           timestamptz not null,
    status           text        not null check (status in ('BOOKED', 'CANCELLED', 'COMPLETED')),
    -- The iCalendar SEQUENCE of the last invitation sent: 0 when booked, +1 per reschedule or cancellation.
    ics_sequence     integer     not null default 0,
    -- When the 24 h reminder is due; null when none will be sent (booked less than a day ahead, or cancelled).
    reminder_due_at  timestamptz,
    reminder_sent_at timestamptz,
    updated_at       timestamptz not null default now()
);

-- The reminder job's query: booked appointments whose reminder is due and not yet sent.
create index appointment_reminder_due on appointment (reminder_due_at)
    where status = 'BOOKED' and reminder_sent_at is null and reminder_due_at is not null;

-- Housekeeping deletes appointments that ended longer ago than the retention.
create index appointment_end_at on appointment (end_at);
