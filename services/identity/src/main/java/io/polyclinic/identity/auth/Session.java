package io.polyclinic.identity.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * A login session: the family of refresh tokens descending from one login.
 *
 * @param lastUsedAt the last login or refresh
 * @param expiresAt when its newest refresh token expires
 */
public record Session(
        UUID id, UUID userId, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent, String ip) {}
