-- The keyed chain (decision 0030): each new link is an HMAC-SHA256 under a key kept outside the database, and the
-- record names that key so the key can be rotated. A null key_id marks a record linked before keying, with the plain
-- SHA-256 of V1; the chain anchor (a file outside the database) holds the position from which every link is keyed,
-- so a record cannot be relabelled as unkeyed to dodge the key.
alter table audit_records add column key_id text check (length(key_id) between 1 and 64);
