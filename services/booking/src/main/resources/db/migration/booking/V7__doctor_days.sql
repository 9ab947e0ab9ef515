-- S3/S11 search at scale, round 3 (decision 0023): the local dates on which each doctor has slots, so a date filter
-- can start from that day's doctors instead of probing every doctor's free slots (on a Sunday few doctors work, and a
-- probe per doctor of the catalogue found them one by one). Derived from slots by a trigger on every insert and update
-- (a slot moved to another day adds its new day); rows are never removed when slots go, so the table may list a day a
-- doctor no longer has slots on: searches still check each doctor's free slots exactly, this only narrows whom they
-- check.

create table doctor_days (
    local_date date not null,
    doctor_id uuid not null,
    primary key (local_date, doctor_id)
);

insert into doctor_days (local_date, doctor_id) select distinct local_date, doctor_id from slots;
-- a doctor's days in a range: a search reads each doctor once, at its first day in the range
create index doctor_days_doctor_idx on doctor_days (doctor_id, local_date);
analyze doctor_days;

create function slots_add_doctor_days() returns trigger language plpgsql as $$
begin
  insert into doctor_days (local_date, doctor_id)
    select distinct n.local_date, n.doctor_id from new_slots n
    on conflict do nothing;
  return null;
end
$$;

create trigger slots_doctor_days_insert after insert on slots referencing new table as new_slots
  for each statement execute function slots_add_doctor_days();

create trigger slots_doctor_days_update after update on slots referencing new table as new_slots
  for each statement execute function slots_add_doctor_days();
