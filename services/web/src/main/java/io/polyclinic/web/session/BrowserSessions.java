package io.polyclinic.web.session;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Logs a browser in and out through identity's API and keeps its session fresh: the token pair lives only in the
 * encrypted cookie ({@link SessionCookies}); shortly before the access token expires it is exchanged for a new pair
 * and the cookie rewritten, so a person who keeps using the site stays logged in for the refresh token's lifetime.
 */
public class BrowserSessions {

    private final ApiClient api;
    private final SessionCookies cookies;
    private final Duration refreshBefore;
    private final Clock clock;

    public BrowserSessions(ApiClient api, SessionCookies cookies, Duration refreshBefore, Clock clock) {
        this.api = api;
        this.cookies = cookies;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    /**
     * Logs in and sets the cookie.
     *
     * @throws ApiException 401 for wrong credentials, 429 when rate limited, 400 for malformed input
     */
    public void logIn(String email, String password, HttpServletResponse response) {
        var pair = api.post("/api/v1/auth/login", Map.of("email", email, "password", password), TokenPair.class);
        cookies.write(response, toSession(pair));
    }

    /**
     * Registers a patient, then logs in.
     *
     * @throws ApiException 400 with field messages, 409 for a taken email
     */
    public void register(String email, String password, String fullName, HttpServletResponse response) {
        api.post(
                "/api/v1/auth/register",
                Map.of("email", email, "password", password, "fullName", fullName),
                Void.class);
        logIn(email, password, response);
    }

    /** Ends the session at identity (best effort: an already ended one is fine) and removes the cookie. */
    public void logOut(HttpServletRequest request, HttpServletResponse response, boolean everywhere) {
        try {
            api.post(everywhere ? "/api/v1/auth/logout-all" : "/api/v1/auth/logout", null, null);
        } catch (ApiException alreadyEnded) {
            // the cookie goes anyway
        }
        cookies.clear(response);
        request.removeAttribute(ApiClient.ACCESS_TOKEN_ATTRIBUTE);
    }

    /**
     * The request's session, refreshed when its access token is about to expire (the new cookie is set on
     * {@code response}); empty without a session or when it ended (refresh refused), in which case the cookie is
     * removed and {@code expired} is true.
     */
    public Resumed resume(HttpServletRequest request, HttpServletResponse response) {
        var found = cookies.read(request);
        if (found.isEmpty()) {
            return new Resumed(Optional.empty(), false);
        }
        var session = found.get();
        if (clock.instant().plus(refreshBefore).isBefore(session.accessExpiresAt())) {
            return new Resumed(found, false);
        }
        try {
            var pair =
                    api.post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), TokenPair.class);
            var renewed = toSession(pair);
            cookies.write(response, renewed);
            return new Resumed(Optional.of(renewed), false);
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 400) {
                cookies.clear(response);
                return new Resumed(Optional.empty(), true);
            }
            throw e;
        }
    }

    private BrowserSession toSession(TokenPair pair) {
        return new BrowserSession(
                pair.accessToken(), pair.refreshToken(), clock.instant().plusSeconds(pair.expiresIn()));
    }

    /**
     * @param session the live session, if any
     * @param expired whether the request came with a session that has ended
     */
    public record Resumed(Optional<BrowserSession> session, boolean expired) {}
}
