-- S3/S11 search at scale, round 3 (decision 0023): every slot carries its local date in its clinic's time zone, so a
-- date filter is an exact index range instead of a 26-hour-wide instant range checked slot by slot against the
-- clinic's zone. A trigger keeps the column right on every write path (services, working plans, COPY of the demo
-- generator) and when a clinic moves to another time zone.

alter table slots add column local_date date;
update slots s set local_date = (s.start_at at time zone c.time_zone)::date from clinics c where c.id = s.clinic_id;
alter table slots alter column local_date set not null;

create function slots_set_local_date() returns trigger language plpgsql as $$
begin
  new.local_date := (new.start_at at time zone (select c.time_zone from clinics c where c.id = new.clinic_id))::date;
  return new;
end
$$;

create trigger slots_local_date before insert or update of start_at, clinic_id on slots
  for each row execute function slots_set_local_date();

create function clinics_time_zone_changed() returns trigger language plpgsql as $$
begin
  update slots set local_date = (start_at at time zone new.time_zone)::date where clinic_id = new.id;
  return null;
end
$$;

create trigger clinics_time_zone after update of time_zone on clinics
  for each row when (old.time_zone is distinct from new.time_zone) execute function clinics_time_zone_changed();

-- a date filter's walk in time order: one range per local date (merged by start time when a range spans several)
create index slots_available_day_idx on slots (local_date, start_at, doctor_id) include (clinic_id)
  where status = 'AVAILABLE';

-- a doctor's free slots on the searched dates, index only (the nearest-slot probe keeps its start-time order)
create index slots_available_idx_3 on slots (doctor_id, start_at) include (clinic_id, local_date)
  where status = 'AVAILABLE';
drop index slots_available_idx;
alter index slots_available_idx_3 rename to slots_available_idx;

-- a city's, clinic's or circle's free slots clinic by clinic in time order (a nearest-slot walk merges them), and
-- the searched dates' free slots of each clinic, index only
create index slots_available_clinic_idx_2 on slots (clinic_id, start_at, doctor_id) include (local_date)
  where status = 'AVAILABLE';
drop index slots_available_clinic_idx;
alter index slots_available_clinic_idx_2 rename to slots_available_clinic_idx;
