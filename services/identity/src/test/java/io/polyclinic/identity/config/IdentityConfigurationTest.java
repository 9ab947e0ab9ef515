package io.polyclinic.identity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.polyclinic.platform.security.SecurityProperties;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void withoutAKeySetAndWithoutTheDevelopmentSwitchNoKeyIsGenerated(@TempDir Path directory) {
        var properties = properties(new IdentityProperties.Keys(directory, null, false));

        assertThatThrownBy(() -> new IdentityConfiguration().signingKeys(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polyclinic.identity.keys.jwks");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void inDevelopmentAKeyIsGeneratedIntoTheDirectory(@TempDir Path directory) {
        var properties = properties(new IdentityProperties.Keys(directory, "", true));

        var keys = new IdentityConfiguration().signingKeys(properties);

        assertThat(keys.current().isPrivate()).isTrue();
        assertThat(directory.resolve("signing-keys.json")).exists();
    }

    private static IdentityProperties properties(IdentityProperties.Keys keys) {
        var properties = mock(IdentityProperties.class);
        when(properties.keys()).thenReturn(keys);
        return properties;
    }
}
