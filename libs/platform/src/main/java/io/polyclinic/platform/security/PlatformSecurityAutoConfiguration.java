package io.polyclinic.platform.security;

import io.polyclinic.platform.problem.ProblemResponseWriter;
import io.polyclinic.platform.problem.Problems;
import io.polyclinic.platform.security.revocation.RevokedTokenValidator;
import io.polyclinic.platform.web.AccessLogFilter;
import io.polyclinic.platform.web.HttpProperties;
import io.polyclinic.platform.web.PlatformWebProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Zero-trust JWT resource server for every service (S0, S2): each request with a bearer token has it verified
 * against the identity service's JWKS (signature, expiry, issuer, audience); 401 and 403 are problems; sessions
 * are stateless and CSRF is off because no cookie authenticates a request. URL rules come from the service's
 * {@link AuthorizationRules} beans; method rules from {@code @PreAuthorize}. Health probes are open; every other
 * actuator endpoint needs role ADMIN ({@code /actuator/prometheus} is open only with
 * {@code polyclinic.security.public-metrics}, meant for a management port the gateway does not route); API documents
 * are open only while they are served ({@code polyclinic.web.api-docs-enabled}). Spring Security's own
 * {@code Strict-Transport-Security} header is sent on requests that arrived over HTTPS, directly or as reported by a
 * trusted proxy.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties({SecurityProperties.class, PlatformWebProperties.class})
public class PlatformSecurityAutoConfiguration {

    /** Paths every service leaves open: probes and the error page. */
    static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health/**", "/error");

    /** The API documents and Swagger UI, open when {@code polyclinic.web.api-docs-enabled} serves them. */
    static final List<String> API_DOCS = List.of("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html");

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain polyclinicSecurityFilterChain(
            HttpSecurity http,
            SecurityProperties properties,
            PlatformWebProperties web,
            ObjectProvider<AuthorizationRules> rules,
            JwtDecoder jwtDecoder,
            ProblemResponseWriter writer)
            throws Exception {
        var entryPoint = authenticationEntryPoint(writer);
        AccessDeniedHandler deniedHandler = (request, response, e) -> writer.write(
                request,
                response,
                Problems.of(
                        HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You are not allowed to perform this action."));
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> {})
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .oauth2ResourceServer(o -> o.jwt(
                                jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(jwtAuthenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .addFilterBefore(new KeySourceUnavailableFilter(writer), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new UserIdLoggingFilter(), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(registry -> {
                    registry.requestMatchers(ALWAYS_PUBLIC.toArray(String[]::new))
                            .permitAll();
                    if (properties.publicMetrics()) {
                        registry.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    // Metrics, info and whatever else is exposed later (env, loggers...) are for operators only.
                    registry.requestMatchers("/actuator/**").hasRole(AuthenticatedUser.ADMIN);
                    if (web.apiDocsEnabled()) {
                        registry.requestMatchers(API_DOCS.toArray(String[]::new))
                                .permitAll();
                    }
                    if (!properties.publicPaths().isEmpty()) {
                        registry.requestMatchers(properties.publicPaths().toArray(String[]::new))
                                .permitAll();
                    }
                    rules.orderedStream().forEach(rule -> rule.configure(registry));
                    registry.anyRequest().authenticated();
                });
        return http.build();
    }

    /**
     * Requests that Spring Security's firewall refuses (an encoded or doubled slash, a semicolon, a backslash or a
     * control character in the path, a malformed header) are a 400 problem, like every other client mistake. The
     * path is not echoed.
     */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler problemRequestRejectedHandler(ProblemResponseWriter writer) {
        return (request, response, e) -> {
            var problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "Bad Request",
                    "The request was refused: its path or headers contain characters that are not allowed.");
            problem.setInstance(java.net.URI.create("/"));
            writer.write(request, response, problem);
        };
    }

    /**
     * Verifies tokens with the identity service's public keys, fetched lazily from {@code jwk-set-uri} and
     * cached; a service that holds the keys itself (identity) declares its own decoder.
     */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<RevokedTokenValidator> revocations) {
        var decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .build();
        decoder.setJwtValidator(tokenValidator(properties, revocations.getIfAvailable()));
        return decoder;
    }

    /** Expiry (60 s clock skew), issuer when configured, and audience. */
    public static OAuth2TokenValidator<Jwt> tokenValidator(SecurityProperties properties) {
        return tokenValidator(properties, null);
    }

    /**
     * Expiry (60 s clock skew), issuer when configured, audience, and then revocation (sessions and users revoked
     * through identity's events, decision 0026) when the service checks it.
     *
     * @param revocations the revocation check, or null where revocation is off (no Kafka)
     */
    public static OAuth2TokenValidator<Jwt> tokenValidator(
            SecurityProperties properties, @Nullable RevokedTokenValidator revocations) {
        var validators = new java.util.ArrayList<OAuth2TokenValidator<Jwt>>();
        validators.add(new JwtTimestampValidator());
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        validators.add(
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience())));
        if (revocations != null) {
            validators.add(revocations);
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Maps the {@code roles} claim ({@code ["PATIENT"]}) to authorities {@code ROLE_PATIENT}. */
    static JwtAuthenticationConverter jwtAuthenticationConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    static AuthenticationEntryPoint authenticationEntryPoint(ProblemResponseWriter writer) {
        return (request, response, e) -> {
            var hasToken = request.getHeader("Authorization") != null;
            response.setHeader("WWW-Authenticate", hasToken ? "Bearer error=\"invalid_token\"" : "Bearer");
            writer.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            hasToken ? "invalid-token" : "unauthorized",
                            "Unauthorized",
                            hasToken
                                    ? "The access token is invalid or has expired."
                                    : "A valid access token is required."));
        };
    }

    /**
     * The allow-list from {@code polyclinic.http.cors-allowed-origins}; the paths of
     * {@code polyclinic.http.cors-open-paths} (web-analytics intake) are open to every origin, without credentials.
     * Conditional on the bean <em>name</em> that
     * Spring Security's {@code cors()} looks up: Spring MVC's {@code HandlerMappingIntrospector} is itself a
     * {@link CorsConfigurationSource}, so a condition on the type would always back off.
     */
    @Bean
    @ConditionalOnMissingBean(name = "corsConfigurationSource")
    CorsConfigurationSource corsConfigurationSource(HttpProperties http) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(http.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Request-Id"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Location", "Retry-After", "X-RateLimit-Remaining"));
        cors.setMaxAge(3600L);
        var source = new UrlBasedCorsConfigurationSource();
        if (!http.corsOpenPaths().isEmpty()) {
            var open = new CorsConfiguration();
            open.addAllowedOriginPattern("*");
            open.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
            open.setAllowedHeaders(List.of("Content-Type"));
            open.setExposedHeaders(List.of("X-Request-Id", "Retry-After"));
            open.setAllowCredentials(false);
            open.setMaxAge(86_400L);
            http.corsOpenPaths().forEach(path -> source.registerCorsConfiguration(path, open));
        }
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /**
     * When the identity service's public keys cannot be fetched, token verification fails with an
     * {@link AuthenticationServiceException}, which Spring Security rethrows (a 500). It is a dependency outage,
     * not the client's fault: answer 503 {@code service-unavailable} with {@code Retry-After}.
     */
    static final class KeySourceUnavailableFilter extends OncePerRequestFilter {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeySourceUnavailableFilter.class);
        private final ProblemResponseWriter writer;

        KeySourceUnavailableFilter(ProblemResponseWriter writer) {
            this.writer = writer;
        }

        @Override
        protected void doFilterInternal(
                jakarta.servlet.http.HttpServletRequest request,
                HttpServletResponse response,
                jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            try {
                chain.doFilter(request, response);
            } catch (AuthenticationServiceException e) {
                log.warn("Cannot verify access tokens: the signing keys are unavailable ({})", e.getMessage());
                response.setHeader("Retry-After", "5");
                writer.write(
                        request,
                        response,
                        Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "service-unavailable",
                                "Service unavailable",
                                "Access tokens cannot be verified right now. Try again shortly."));
            }
        }
    }

    /** Puts the authenticated user's id where the access log and every later log line can see it. */
    static final class UserIdLoggingFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(
                jakarta.servlet.http.HttpServletRequest request,
                HttpServletResponse response,
                jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            var isUser = authentication != null
                    && authentication.isAuthenticated()
                    && !"anonymousUser".equals(authentication.getName());
            if (isUser) {
                request.setAttribute(AccessLogFilter.USER_ID_ATTRIBUTE, authentication.getName());
                MDC.put("userId", authentication.getName());
            }
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove("userId");
            }
        }
    }
}
