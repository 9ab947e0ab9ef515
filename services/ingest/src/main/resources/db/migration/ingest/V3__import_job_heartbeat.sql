-- Several replicas run imports: each writes a heartbeat on the jobs it runs (and queues), so that a replica starting,
-- or any replica's sweep, fails only the jobs whose replica stopped, never a job another replica is running.
alter table import_jobs add column heartbeat_at timestamptz;
