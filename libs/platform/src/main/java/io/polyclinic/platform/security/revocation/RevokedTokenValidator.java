package io.polyclinic.platform.security.revocation;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses an access token whose session ({@code sid}) was revoked or that was issued ({@code iat}) before its user's
 * tokens were revoked ({@link RevokedTokens}). Added to the platform's token validators, so such a token gets the same
 * 401 {@code invalid-token} problem as an expired one.
 */
public final class RevokedTokenValidator implements OAuth2TokenValidator<Jwt> {

    /** The claim holding the session id. */
    public static final String SESSION_ID_CLAIM = "sid";

    private static final OAuth2Error REVOKED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token has been revoked", null);

    private final RevokedTokens revocations;

    public RevokedTokenValidator(RevokedTokens revocations) {
        this.revocations = revocations;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        var revoked = revocations.isRevoked(
                token.getClaimAsString(SESSION_ID_CLAIM), token.getSubject(), token.getIssuedAt());
        return revoked ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }
}
