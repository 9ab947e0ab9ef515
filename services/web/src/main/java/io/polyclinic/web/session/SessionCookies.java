package io.polyclinic.web.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Reads and writes the encrypted session cookie: {@code HttpOnly} (no page script can read it), {@code Secure},
 * {@code SameSite=Lax} (sent on top-level navigation from another site, never on its forms' POSTs), path {@code /}.
 */
public final class SessionCookies {

    private final SessionCipher cipher;
    private final String cookieName;
    private final boolean secure;
    private final Duration maxAge;

    /**
     * @param cookieName the cookie's name
     * @param secure whether it carries {@code Secure}
     * @param maxAge how long the browser keeps it
     */
    public SessionCookies(SessionCipher cipher, String cookieName, boolean secure, Duration maxAge) {
        this.cipher = cipher;
        this.cookieName = cookieName;
        this.secure = secure;
        this.maxAge = maxAge;
    }

    /** The session of this request's cookie, or empty without one or with one that does not open. */
    public Optional<BrowserSession> read(HttpServletRequest request) {
        var cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (var cookie : cookies) {
            if (cookieName.equals(cookie.getName())) {
                return cipher.open(cookie.getValue()).flatMap(BrowserSession::parse);
            }
        }
        return Optional.empty();
    }

    /** Sets the cookie to {@code session}. */
    public void write(HttpServletResponse response, BrowserSession session) {
        add(response, cipher.seal(session.serialize()), maxAge);
    }

    /** Removes the cookie. */
    public void clear(HttpServletResponse response) {
        add(response, "", Duration.ZERO);
    }

    private void add(HttpServletResponse response, String value, Duration maxAge) {
        var cookie = ResponseCookie.from(cookieName, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
