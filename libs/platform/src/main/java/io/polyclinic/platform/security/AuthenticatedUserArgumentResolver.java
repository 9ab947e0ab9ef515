package io.polyclinic.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link AuthenticatedUser} controller parameters from the verified JWT; no token means 401. */
public class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

    /** More clinics than any manager runs: a token listing more is not one identity issued. */
    static final int MAX_CLINICS = 1000;

    AuthenticatedUserArgumentResolver() {}

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedUser.class;
    }

    @Override
    public AuthenticatedUser resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return current();
    }

    /**
     * The caller of the current request or gRPC call, from the verified JWT in the security context (also for gRPC
     * handlers, which have no controller parameters).
     *
     * @throws AuthenticationCredentialsNotFoundException when there is no verified access token
     * @throws BadCredentialsException when its subject is not a user id or its clinics claim is malformed
     */
    public static AuthenticatedUser current() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw new AuthenticationCredentialsNotFoundException("No access token");
        }
        var jwt = token.getToken();
        UUID id;
        try {
            id = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadCredentialsException("Token subject is not a user id");
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new AuthenticatedUser(
                id,
                jwt.getClaimAsString("email"),
                new LinkedHashSet<>(roles == null ? List.of() : roles),
                clinicIds(jwt));
    }

    /**
     * The {@value AuthenticatedUser#CLINICS_CLAIM} claim as UUIDs; empty when absent.
     *
     * @throws BadCredentialsException (401) when the claim is not a list of at most {@value #MAX_CLINICS} UUIDs
     */
    static Set<UUID> clinicIds(Jwt jwt) {
        if (!jwt.hasClaim(AuthenticatedUser.CLINICS_CLAIM)) {
            return Set.of();
        }
        List<String> values;
        try {
            values = jwt.getClaimAsStringList(AuthenticatedUser.CLINICS_CLAIM);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("Token clinics claim is not a list");
        }
        if (values == null || values.size() > MAX_CLINICS) {
            throw new BadCredentialsException("Token clinics claim is not a list of clinic ids");
        }
        var ids = new LinkedHashSet<UUID>();
        for (var value : values) {
            try {
                ids.add(UUID.fromString(value));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new BadCredentialsException("Token clinics claim holds something other than a clinic id");
            }
        }
        return ids;
    }
}
