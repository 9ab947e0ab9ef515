package io.polyclinic.identity.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.identity.IdentityApplication;
import io.polyclinic.testkit.kafka.EmbeddedKafkaInitializer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside development identity never signs with a key of its own making: without a key set it does not start. */
class StartWithoutSigningKeysTest {

    @Test
    void identityStartedWithoutAKeySetOutsideDevelopmentFailsNamingThePropertyToSet() {
        var application = new SpringApplicationBuilder(IdentityApplication.class)
                .initializers(new EmbeddedPostgresInitializer(), new EmbeddedKafkaInitializer())
                .registerShutdownHook(false);

        assertThatThrownBy(() -> application
                        .run(
                                "--server.port=0",
                                "--spring.grpc.server.enabled=false",
                                "--polyclinic.security.revocation.enabled=false")
                        .close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polyclinic.identity.keys.jwks")
                .hasMessageContaining("POLYCLINIC_IDENTITY_KEYS_JWKS");
    }
}
