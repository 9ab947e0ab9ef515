package io.polyclinic.web.config;

import io.polyclinic.web.session.SessionAuthenticationFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Loads the request's CSRF token before the page is rendered, so that a new token's cookie is set while the response
 * headers can still change (decision 0056). Spring Security defers the token: left alone, its cookie would be written
 * only when the template first asks for {@code _csrf}, and a page that has filled the response buffer by then is
 * already sent, its {@code Set-Cookie} silently dropped, and its forms refused as forged. Static files are skipped:
 * they have no form and are cached.
 */
final class CsrfCookieFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SessionAuthenticationFilter.isStaticResource(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        chain.doFilter(request, response);
    }
}
