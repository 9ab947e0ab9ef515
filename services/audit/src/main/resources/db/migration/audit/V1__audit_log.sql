-- The audit log (S4): append-only records, each linked to the one before by a SHA-256 hash chain (decision 0018).

create table audit_records (
    -- Position in the log, gapless from 1: assigned while holding the chain head's row lock.
    seq          bigint       primary key,
    -- The client's record id (the outbox message id): the idempotency key.
    id           uuid         not null unique,
    occurred_at  timestamptz  not null,
    recorded_at  timestamptz  not null default now(),
    source       text         not null check (length(source) between 1 and 64),
    actor_id     uuid,
    action       text         not null check (length(action) between 1 and 64),
    entity_type  text         not null check (length(entity_type) between 1 and 64),
    entity_id    text         check (length(entity_id) <= 200),
    -- json, not jsonb: the text is kept byte for byte, as the hash covers it.
    details      json,
    request_id   text         check (length(request_id) <= 200),
    trace_id     text         check (length(trace_id) <= 64),
    ip           text         check (length(ip) <= 64),
    -- SHA-256(previous record's hash || canonical bytes of this record); see HashChain.
    hash         bytea        not null check (length(hash) = 32)
);

-- The query filters, each newest first (AuditRecordRepository.find).
create index audit_records_actor_idx on audit_records (actor_id, occurred_at desc, seq desc) where actor_id is not null;
create index audit_records_entity_idx on audit_records (entity_type, entity_id, occurred_at desc, seq desc);
create index audit_records_action_idx on audit_records (action, occurred_at desc, seq desc);
create index audit_records_occurred_idx on audit_records (occurred_at desc, seq desc);

-- The newest link of the chain. Writers lock this single row (select ... for update), so appends are serial and
-- the chain cannot fork; verification compares it with the last record, so a truncated tail is detected too.
create table audit_chain_head (
    id        boolean  primary key default true check (id),
    last_seq  bigint   not null,
    last_hash bytea    not null check (length(last_hash) = 32)
);
insert into audit_chain_head (id, last_seq, last_hash) values (true, 0, decode(repeat('00', 32), 'hex'));

-- Append-only: no code path updates or deletes a record, and the database refuses it too. Only someone who can
-- disable the trigger (the table owner or a superuser) gets past this, and the hash chain then shows the change.
create function audit_records_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_records is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_records_append_only
    before update or delete on audit_records
    for each row execute function audit_records_refuse_change();

create trigger audit_records_no_truncate
    before truncate on audit_records
    for each statement execute function audit_records_refuse_change();

create trigger audit_chain_head_no_delete
    before delete or truncate on audit_chain_head
    for each statement execute function audit_records_refuse_change();
