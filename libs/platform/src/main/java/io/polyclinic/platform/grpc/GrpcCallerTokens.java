package io.polyclinic.platform.grpc;

import io.polyclinic.platform.security.SecurityProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * How a gRPC server reads the bearer token of a call: a JWT signed with identity's keys (the JWKS at
 * {@code polyclinic.security.jwk-set-uri}), not expired, with identity's issuer, and with exactly one of two
 * audiences. A service token (audience {@code polyclinic.service-tokens.audience}) grants {@code SCOPE_<scope>} for
 * each scope of its {@code scope} claim; a user access token (audience {@code polyclinic.security.audience}) grants
 * {@code ROLE_<role>} for each of its {@code roles}. A token never grants the other kind's authorities, so a user
 * token cannot call a service method and a service token cannot call a user method.
 */
public final class GrpcCallerTokens {

    /** The authority prefix of a service token's scopes. */
    public static final String SCOPE_PREFIX = "SCOPE_";

    /** The authority prefix of a user token's roles. */
    public static final String ROLE_PREFIX = "ROLE_";

    private final String userAudience;
    private final String serviceAudience;

    /**
     * @param userAudience the audience of user access tokens
     * @param serviceAudience the audience of service tokens
     */
    public GrpcCallerTokens(String userAudience, String serviceAudience) {
        if (userAudience.equals(serviceAudience)) {
            throw new IllegalStateException("polyclinic.service-tokens.audience must differ from "
                    + "polyclinic.security.audience, or service and user tokens could stand in for each other");
        }
        this.userAudience = userAudience;
        this.serviceAudience = serviceAudience;
    }

    /** A decoder on identity's JWKS with the checks of the class comment. */
    public JwtDecoder decoder(SecurityProperties security) {
        return decoder(security, null);
    }

    /**
     * A decoder on identity's JWKS with the checks of the class comment and {@code revocations} (the platform's
     * revoked-token check, so a logged-out user's token is refused on gRPC as on REST), when not {@code null}.
     */
    public JwtDecoder decoder(SecurityProperties security, OAuth2TokenValidator<Jwt> revocations) {
        var decoder =
                NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri().toString()).build();
        var checks = validator(security.issuer());
        decoder.setJwtValidator(
                revocations == null ? checks : new DelegatingOAuth2TokenValidator<>(checks, revocations));
        return decoder;
    }

    /** Expiry (60 s clock skew), the issuer when configured, and exactly one of the two audiences. */
    public OAuth2TokenValidator<Jwt> validator(String issuer) {
        var validators = new ArrayList<OAuth2TokenValidator<Jwt>>();
        validators.add(new JwtTimestampValidator());
        if (issuer != null && !issuer.isBlank()) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        validators.add(jwt -> {
            var audience = jwt.getAudience() == null ? List.<String>of() : jwt.getAudience();
            return audience.contains(userAudience) ^ audience.contains(serviceAudience)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The token is for neither users nor services", null));
        });
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** The authentication of a verified token: its subject and the authorities of its kind. */
    public Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        return jwt -> new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    /** {@code SCOPE_*} of a service token, {@code ROLE_*} of a user token, none of anything else. */
    Collection<GrantedAuthority> authorities(Jwt jwt) {
        var audience = jwt.getAudience() == null ? List.<String>of() : jwt.getAudience();
        var authorities = new ArrayList<GrantedAuthority>();
        if (audience.contains(serviceAudience)) {
            for (var scope : scopes(jwt)) {
                authorities.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope));
            }
        } else if (audience.contains(userAudience)) {
            var roles = jwt.getClaimAsStringList("roles");
            for (var role : roles == null ? List.<String>of() : roles) {
                authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role));
            }
        }
        return authorities;
    }

    /** The {@code scope} claim: a space-separated string (RFC 9068 §2.2.3) or, leniently, a list. */
    private static List<String> scopes(Jwt jwt) {
        var claim = jwt.getClaim("scope");
        if (claim instanceof String text) {
            return List.of(text.trim().split("\\s+")).stream()
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
        var list = jwt.getClaimAsStringList("scope");
        return list == null ? List.of() : list;
    }
}
