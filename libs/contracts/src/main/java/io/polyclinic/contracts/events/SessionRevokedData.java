package io.polyclinic.contracts.events;

import java.util.UUID;

/**
 * The data of SessionRevoked: every access token of the session ({@code sid} claim) is void from now on, though it
 * has not expired yet. Services keep it for the longest access-token lifetime.
 *
 * @param sessionId the session that ended
 * @param userId the session's user (also the record key)
 * @param reason why: {@code LOGOUT}, {@code REVOKED_BY_USER} or {@code REFRESH_TOKEN_REUSE}
 */
public record SessionRevokedData(UUID sessionId, UUID userId, String reason) {}
