package io.polyclinic.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** How a verified token becomes the {@link AuthenticatedUser} controllers receive, clinic scope included. */
class AuthenticatedUserArgumentResolverTest {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID CLINIC_A = UUID.randomUUID();
    private static final UUID CLINIC_B = UUID.randomUUID();

    private final AuthenticatedUserArgumentResolver resolver = new AuthenticatedUserArgumentResolver();

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    private AuthenticatedUser resolve(Consumer<Jwt.Builder> claims) {
        var jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject(USER.toString());
        claims.accept(jwt);
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build()));
        return resolver.resolveArgument(null, null, null, null);
    }

    @Test
    void aManagersClinicsClaimBecomesTheirClinicScope() {
        var user = resolve(jwt -> jwt.claim("email", "m@example.com")
                .claim("roles", List.of("CLINIC_MANAGER"))
                .claim("clinics", List.of(CLINIC_A.toString(), CLINIC_B.toString())));

        assertThat(user.clinicIds()).containsExactlyInAnyOrder(CLINIC_A, CLINIC_B);
        assertThat(user.clinicScope()).containsExactlyInAnyOrder(CLINIC_A, CLINIC_B);
        assertThat(user.managesClinic(CLINIC_A)).isTrue();
        assertThat(user.managesClinic(UUID.randomUUID())).isFalse();
    }

    @Test
    void aTokenWithoutTheClaimHasAnEmptyClinicScope() {
        var user = resolve(jwt -> jwt.claim("roles", List.of("CLINIC_MANAGER")));

        assertThat(user.clinicIds()).isEmpty();
        assertThat(user.managesClinic(CLINIC_A)).isFalse();
    }

    @Test
    void clinicsInTheTokenOfSomeoneWhoIsNotAManagerGrantNothing() {
        var user =
                resolve(jwt -> jwt.claim("roles", List.of("PATIENT")).claim("clinics", List.of(CLINIC_A.toString())));

        assertThat(user.clinicScope()).isEmpty();
        assertThat(user.managesClinic(CLINIC_A)).isFalse();
    }

    @Test
    void aClinicsClaimThatIsNotAListOfIdsIsABadToken() {
        assertThatThrownBy(() -> resolve(
                        jwt -> jwt.claim("roles", List.of("CLINIC_MANAGER")).claim("clinics", List.of("not-a-uuid"))))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> resolve(jwt -> jwt.claim("roles", List.of("CLINIC_MANAGER"))
                        .claim("clinics", Collections.nCopies(1001, CLINIC_A.toString()))))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void theThreeArgumentConstructorMeansNoClinics() {
        var user = new AuthenticatedUser(USER, "a@example.com", Set.of(AuthenticatedUser.CLINIC_MANAGER));

        assertThat(user.clinicIds()).isEmpty();
        assertThat(user.clinicScope()).isEmpty();
    }
}
