-- Emails are sent outside any transaction (decision 0029): a sender claims a PENDING email until claimed_until in one
-- short statement, talks to the SMTP server, then marks the outcome. A claim that outlives its sender (a crash) runs
-- out, and the email is sent again.
alter table email add column claimed_until timestamptz;

-- Every PENDING email is now retried by the relay until it is SENT (or FAILED for a permanent reason), jobs included:
-- job emails whose queue retries ran out before this version waited with no retry time; give them one.
update email set next_attempt_at = now() where status = 'PENDING' and next_attempt_at is null;
