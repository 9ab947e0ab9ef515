package io.polyclinic.web.session;

import java.time.Instant;
import java.util.Optional;

/**
 * What the session cookie holds: the identity service's token pair and when the access token expires.
 *
 * @param accessToken the JWT sent as {@code Authorization: Bearer} on every API call
 * @param refreshToken the opaque refresh token, exchanged for a new pair shortly before {@code accessExpiresAt}
 * @param accessExpiresAt when the access token expires
 */
public record BrowserSession(String accessToken, String refreshToken, Instant accessExpiresAt) {

    /** One line per field; tokens never contain a line break. */
    String serialize() {
        return accessToken + "\n" + refreshToken + "\n" + accessExpiresAt.getEpochSecond();
    }

    static Optional<BrowserSession> parse(String text) {
        var parts = text.split("\n", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BrowserSession(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The token pair is secret: never printed. */
    @Override
    public String toString() {
        return "BrowserSession[accessExpiresAt=" + accessExpiresAt + "]";
    }
}
