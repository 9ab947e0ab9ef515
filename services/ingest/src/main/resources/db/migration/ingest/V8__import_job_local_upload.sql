-- A file uploaded to the service itself (multipart or the gRPC stream) is no longer copied to the bucket: the replica
-- that received it keeps it on its disk until its job ends. Such a job has no object key; one started from a presigned
-- upload still names its object.
alter table import_jobs alter column object_key drop not null;
comment on column import_jobs.object_key is
    'The bucket object of a presigned upload; null for a file uploaded to the service (kept on the receiving replica until the job ends)';
