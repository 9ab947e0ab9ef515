package io.polyclinic.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class GrpcCallerTokensTest {

    private final GrpcCallerTokens tokens = new GrpcCallerTokens("polyclinic", "polyclinic-services");

    private static Jwt.Builder jwt(String... audience) {
        var now = Instant.now();
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer("polyclinic-identity")
                .subject("booking")
                .audience(List.of(audience))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }

    private List<String> authorities(Jwt jwt) {
        return tokens.authorities(jwt).stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }

    @Test
    void aServiceTokenGrantsItsScopesAndNeverRoles() {
        var service = jwt("polyclinic-services")
                .claim("scope", "audit.write booking.import")
                .claim("roles", List.of("ADMIN"))
                .build();

        assertThat(authorities(service)).containsExactly("SCOPE_audit.write", "SCOPE_booking.import");
        assertThat(tokens.validator("polyclinic-identity").validate(service).hasErrors())
                .isFalse();
    }

    @Test
    void aUserTokenGrantsItsRolesAndNeverScopes() {
        var user = jwt("polyclinic")
                .claim("roles", List.of("ADMIN"))
                .claim("scope", "audit.write")
                .build();

        assertThat(authorities(user)).containsExactly("ROLE_ADMIN");
    }

    @Test
    void aTokenForBothAudiencesOrNeitherIsInvalid() {
        var validator = tokens.validator("polyclinic-identity");

        assertThat(validator
                        .validate(jwt("polyclinic", "polyclinic-services").build())
                        .hasErrors())
                .isTrue();
        assertThat(validator.validate(jwt("elsewhere").build()).hasErrors()).isTrue();
        assertThat(validator
                        .validate(jwt("polyclinic").issuer("someone-else").build())
                        .hasErrors())
                .isTrue();
    }

    @Test
    void theTwoAudiencesMustDiffer() {
        assertThatThrownBy(() -> new GrpcCallerTokens("polyclinic", "polyclinic"))
                .isInstanceOf(IllegalStateException.class);
    }
}
