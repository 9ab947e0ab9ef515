package io.polyclinic.web.patient;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries the web-analytics tracker's session id from a tracked visit to the booking it leads to (decision 0058). A
 * clinic's site links to the web UI with {@code ?trackerSessionId=<id>} (the tracker adds it to links marked
 * {@code data-carry-session}); whatever page that link opens, this filter keeps a valid id for
 * {@link #LIFETIME} in cookie {@value #COOKIE} ({@code HttpOnly}, {@code SameSite=Lax}), so it survives the search, the
 * doctor's card and a login on the way. The booking confirmation puts it into a hidden field and the booking sends it
 * to the API as {@code trackerSessionId}. Anything that is not 1..64 of {@code [A-Za-z0-9_-]} is ignored, never sent.
 */
public class TrackerSessions extends OncePerRequestFilter {

    /** The query parameter and form field. */
    public static final String PARAMETER = "trackerSessionId";

    /** The cookie that keeps the id between the landing page and the booking. */
    public static final String COOKIE = "PC_TRACKER_SESSION";

    /** How long a visit's id is kept: the analytics sessions' inactivity limit. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);

    /** The tracker's session id as booking accepts it. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final boolean secure;

    /** @param secure whether the cookie carries {@code Secure} (as the session cookie does) */
    public TrackerSessions(boolean secure) {
        this.secure = secure;
    }

    /** {@code value} when it is a valid tracker session id, else null. */
    public static @Nullable String valid(@Nullable String value) {
        return value != null && VALID.matcher(value).matches() ? value : null;
    }

    /** The id this request carries: its query parameter or form field first, else the cookie; null when none. */
    public static @Nullable String of(HttpServletRequest request) {
        var given = valid(request.getParameter(PARAMETER));
        if (given != null) {
            return given;
        }
        var cookies = request.getCookies();
        if (cookies != null) {
            for (var cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return valid(cookie.getValue());
                }
            }
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var arrived = "GET".equals(request.getMethod()) ? valid(request.getParameter(PARAMETER)) : null;
        if (arrived != null) {
            var cookie = ResponseCookie.from(COOKIE, arrived)
                    .path("/")
                    .httpOnly(true)
                    .secure(secure)
                    .sameSite("Lax")
                    .maxAge(LIFETIME)
                    .build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        chain.doFilter(request, response);
    }
}
