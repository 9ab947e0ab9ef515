package io.polyclinic.identity.auth;

/**
 * The token response of login and refresh (docs/product.md S1):
 * {@code {"accessToken","refreshToken","tokenType":"Bearer","expiresIn":900}}.
 *
 * @param expiresIn the access token's lifetime in seconds
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    /** A bearer token pair. */
    public static TokenPair bearer(String accessToken, String refreshToken, long expiresIn) {
        return new TokenPair(accessToken, refreshToken, "Bearer", expiresIn);
    }

    /** Never prints a token. */
    @Override
    public String toString() {
        return "TokenPair[****, expiresIn=" + expiresIn + "]";
    }
}
