package io.polyclinic.web.session;

/**
 * Identity's answer to login and refresh: {@code {"accessToken","refreshToken","tokenType","expiresIn"}}.
 *
 * @param expiresIn the access token's lifetime in seconds
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    @Override
    public String toString() {
        return "TokenPair[expiresIn=" + expiresIn + "]";
    }
}
