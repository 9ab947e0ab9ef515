-- Admin pages: a clinic's appointments of one local day, and the review moderation queue.

-- a clinic's appointments in a time range (one day in the clinic's zone), by start
create index appointments_clinic_start_idx on appointments (clinic_id, start_at);

-- the moderation queue: every review newest first, and the hidden ones newest first
create index reviews_created_idx on reviews (created_at desc, id desc);
create index reviews_hidden_idx on reviews (hidden_at desc, id desc) where hidden_at is not null;
