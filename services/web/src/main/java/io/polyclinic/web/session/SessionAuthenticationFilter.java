package io.polyclinic.web.session;

import io.polyclinic.web.api.ApiClient;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the session cookie into the request's user: resumes (and if needed refreshes) the session, verifies the access
 * token with identity's public keys, and sets Spring Security's authentication ({@code ROLE_<role>} authorities), the
 * {@link CurrentUser} request attribute and the token the {@link ApiClient} sends. A session that ended marks the
 * request with {@link #EXPIRED_ATTRIBUTE}, so the login page can say why it is shown.
 */
public class SessionAuthenticationFilter extends OncePerRequestFilter {

    /** Request attribute set when the browser came with a session that has ended. */
    public static final String EXPIRED_ATTRIBUTE = SessionAuthenticationFilter.class.getName() + ".expired";

    private final BrowserSessions sessions;
    private final JwtDecoder jwtDecoder;

    public SessionAuthenticationFilter(BrowserSessions sessions, JwtDecoder jwtDecoder) {
        this.sessions = sessions;
        this.jwtDecoder = jwtDecoder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return isStaticResource(request);
    }

    /**
     * Whether the request asks for a static file ({@code /webjars/}, {@code /css/}, {@code /js/}): no page, no form, no
     * session needed, and cached by the browser.
     */
    public static boolean isStaticResource(HttpServletRequest request) {
        var path = request.getRequestURI();
        return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var resumed = sessions.resume(request, response);
        if (resumed.expired()) {
            request.setAttribute(EXPIRED_ATTRIBUTE, Boolean.TRUE);
        }
        resumed.session().ifPresent(session -> authenticate(request, response, session));
        chain.doFilter(request, response);
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response, BrowserSession session) {
        try {
            var jwt = jwtDecoder.decode(session.accessToken());
            var roles = jwt.getClaimAsStringList("roles");
            var user = new CurrentUser(
                    UUID.fromString(jwt.getSubject()),
                    jwt.getClaimAsString("email"),
                    roles == null ? List.of() : roles);
            var authorities = user.roles().stream()
                    .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                    .toList();
            var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
            SecurityContextHolder.getContext().setAuthentication(authentication);
            request.setAttribute(CurrentUser.ATTRIBUTE, user);
            request.setAttribute(ApiClient.ACCESS_TOKEN_ATTRIBUTE, session.accessToken());
        } catch (JwtException | IllegalArgumentException e) {
            request.setAttribute(EXPIRED_ATTRIBUTE, Boolean.TRUE);
        }
    }
}
