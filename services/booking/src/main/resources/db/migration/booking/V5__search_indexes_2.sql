-- S3/S11 search at scale, round 2 (decision 0013; plans in docs/performance.md, "Search query plans"): the two
-- partial indexes over free slots also carry the slot's clinic, so a date filter (which needs the clinic's time zone)
-- and a nearest-slot walk read only the index, not one heap page per slot. Same keys, same names as before.

create index slots_available_idx_2 on slots (doctor_id, start_at) include (clinic_id) where status = 'AVAILABLE';
drop index slots_available_idx;
alter index slots_available_idx_2 rename to slots_available_idx;

create index slots_available_start_idx_2 on slots (start_at, doctor_id) include (clinic_id) where status = 'AVAILABLE';
drop index slots_available_start_idx;
alter index slots_available_start_idx_2 rename to slots_available_start_idx;

-- a date filter without a selective one: the free slots of each clinic's local-date window, index only
create index slots_available_clinic_idx on slots (clinic_id, start_at) include (doctor_id) where status = 'AVAILABLE';
