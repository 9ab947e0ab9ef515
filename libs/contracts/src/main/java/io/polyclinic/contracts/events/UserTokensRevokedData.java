package io.polyclinic.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of UserTokensRevoked: every access token of the user issued ({@code iat}) before {@code notBefore} is
 * void from now on; the user refreshes (or logs in again) for a token with the current roles and scope. Services keep
 * it for the longest access-token lifetime.
 *
 * @param userId the user (also the record key)
 * @param notBefore the revocation time in whole seconds (the precision of {@code iat}); tokens issued at or after it
 *     stay valid
 * @param reason why: {@code LOGOUT_ALL}, {@code ROLES_CHANGED}, ...
 */
public record UserTokensRevokedData(UUID userId, Instant notBefore, String reason) {}
