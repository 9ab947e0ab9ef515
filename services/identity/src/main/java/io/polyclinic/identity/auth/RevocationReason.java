package io.polyclinic.identity.auth;

/** Why a session ended; stored in {@code sessions.revoked_reason}. */
public enum RevocationReason {
    /** The user logged out of this session. */
    LOGOUT,
    /** The user logged out everywhere. */
    LOGOUT_ALL,
    /** The user revoked this session from the session list. */
    REVOKED_BY_USER,
    /** An already-rotated refresh token of the session was presented again: presumed stolen. */
    REFRESH_TOKEN_REUSE,
    /** The user changed the password: every other session ends. */
    PASSWORD_CHANGED
}
