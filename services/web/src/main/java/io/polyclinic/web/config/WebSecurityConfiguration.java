package io.polyclinic.web.config;

import io.polyclinic.platform.security.AuthorizationRules;
import io.polyclinic.platform.security.SecurityProperties;
import io.polyclinic.web.error.ErrorPages;
import io.polyclinic.web.session.BrowserSessions;
import io.polyclinic.web.session.SessionAuthenticationFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.session.SessionManagementFilter;

/**
 * The web UI's security, in place of the platform's API chain: the browser is authenticated by the encrypted session
 * cookie ({@link SessionAuthenticationFilter}); every form POST needs the CSRF token of a second cookie
 * ({@code HttpOnly}, double-submitted in a hidden field that Thymeleaf adds to every {@code th:action} form), a forged
 * or missing one is the 403 page; a page that needs a login sends a visitor to the login page with the page to return
 * to; a page that needs a role the user lacks is the 403 page. Pages of other features add their URL rules as
 * {@link AuthorizationRules} beans. No server-side HTTP session is created.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /** The CSRF cookie's name. */
    static final String CSRF_COOKIE = "PC_CSRF";

    @Bean
    SecurityFilterChain webSecurityFilterChain(
            HttpSecurity http,
            BrowserSessions sessions,
            JwtDecoder jwtDecoder,
            SecurityProperties security,
            CsrfTokenRepository csrfTokens,
            ObjectProvider<AuthorizationRules> rules)
            throws Exception {
        // The session cookie "authenticates" every request anew: that is no login, so the CSRF token must not be
        // replaced on each one (Spring's default for a stateless chain); login and logout replace it (LoginController).
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .addFilterAfter(new CsrfCookieFilter(), SessionManagementFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {})
                .addFilterBefore(
                        new SessionAuthenticationFilter(sessions, jwtDecoder), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(
                                (request, response, ex) -> response.sendRedirect(loginUrl(request)))
                        .accessDeniedHandler((request, response, ex) -> {
                            request.setAttribute(ErrorPages.CSRF_ATTRIBUTE, ex instanceof CsrfException);
                            request.setAttribute(ErrorPages.STATUS_ATTRIBUTE, 403);
                            request.getRequestDispatcher(ErrorPages.PATH).forward(request, response);
                        }))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")))
                .authorizeHttpRequests(registry -> {
                    // An async dispatch ends a response its request already passed these rules for (the live view's
                    // Server-Sent Events); the session filter does not run again then, so the rules must not either.
                    registry.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    registry.requestMatchers("/actuator/health/**", ErrorPages.PATH)
                            .permitAll();
                    if (security.publicMetrics()) {
                        registry.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    registry.requestMatchers("/actuator/**").hasRole("ADMIN");
                    registry.requestMatchers("/me", "/me/**", "/book/**").authenticated();
                    rules.orderedStream().forEach(rule -> rule.configure(registry));
                    registry.anyRequest().permitAll();
                });
        return http.build();
    }

    /** CSRF tokens in an {@code HttpOnly}, {@code SameSite=Strict} cookie, double-submitted by the forms. */
    @Bean
    CsrfTokenRepository csrfTokenRepository(WebUiProperties properties) {
        var csrfCookies = new CookieCsrfTokenRepository();
        csrfCookies.setCookieName(CSRF_COOKIE);
        csrfCookies.setCookieCustomizer(cookie ->
                cookie.httpOnly(true).secure(properties.session().secure()).sameSite("Strict"));
        return csrfCookies;
    }

    /** The login page with the page to come back to (path and query of this request, same site only). */
    static String loginUrl(HttpServletRequest request) {
        var next = request.getRequestURI();
        if (request.getQueryString() != null) {
            next += "?" + request.getQueryString();
        }
        var url = "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        if (request.getAttribute(SessionAuthenticationFilter.EXPIRED_ATTRIBUTE) != null) {
            url += "&expired=true";
        }
        return url;
    }
}
