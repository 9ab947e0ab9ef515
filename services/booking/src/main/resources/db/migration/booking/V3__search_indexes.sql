-- S3 search at scale (decision 0013): the indexes that keep every doctor search index-driven at 100k doctors and
-- 5M slots (plans in docs/performance.md, "Search query plans").

-- distance search: the bounding box (latitude range, longitude checked in the index) before the exact distance
create index clinics_location_idx on clinics (latitude, longitude);

-- sort=nearestSlot over many candidates: walk free slots in (start, doctor) order and stop after a page of doctors
create index slots_available_start_idx on slots (start_at, doctor_id) where status = 'AVAILABLE';

-- sort=rating (and relevance without a name or a point): the whole order in the index, so a page stops early
create index doctors_rating_order_idx on doctors (rating_avg desc, rating_count desc, full_name, id);
drop index doctors_rating_idx;
