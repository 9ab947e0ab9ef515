-- The hourly purge (ExpiredSessionPurger) deletes by expiry and by revocation time; without these it scans the
-- whole tables. Revoked sessions are few compared with all sessions, hence the partial index.
create index refresh_tokens_expires_at_idx on refresh_tokens (expires_at);
create index sessions_expires_at_idx on sessions (expires_at);
create index sessions_revoked_at_idx on sessions (revoked_at) where revoked_at is not null;
