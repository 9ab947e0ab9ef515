-- A password change ends the user's other sessions with their own reason.
alter table sessions drop constraint sessions_revoked_reason_known;
alter table sessions add constraint sessions_revoked_reason_known
    check (revoked_reason in ('LOGOUT', 'LOGOUT_ALL', 'REVOKED_BY_USER', 'REFRESH_TOKEN_REUSE', 'PASSWORD_CHANGED'));
