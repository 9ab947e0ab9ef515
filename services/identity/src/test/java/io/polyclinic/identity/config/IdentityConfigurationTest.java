package io.polyclinic.identity.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.polyclinic.platform.security.SecurityProperties;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityConfigurationTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankIssuerStopsTheStart(String issuer) {
        var security = mock(SecurityProperties.class);
        when(security.issuer()).thenReturn(issuer);

        assertThatThrownBy(() -> new IdentityConfiguration().accessTokenIssuer(null, null, security, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polyclinic.security.issuer");
    }
}
