-- Outbox poison and short transactions (decision 0029). A record the destination refuses for good (too large for
-- Kafka, a topic the service may not write, an invalid topic name) is marked dead with the reason instead of blocking
-- its destination; the relay claims a batch with a lease in one short transaction, sends outside any transaction
-- and marks the outcome in another, so no row lock or pooled connection is held across a network call.
alter table outbox
    add column dead_at       timestamptz,
    add column dead_reason   text check (length(dead_reason) <= 2000),
    add column claimed_until timestamptz;

-- The relay's claim and pending count now skip dead rows.
drop index outbox_pending;
create index outbox_pending on outbox (destination, id) where published_at is null and dead_at is null;
