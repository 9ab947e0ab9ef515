package io.polyclinic.identity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.identity.client.ServiceClientsProperties.Client;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceClientRegistryTest {

    private static final String SECRET = "a-long-random-secret-0123456789abcdef";

    @Test
    void aClientAuthenticatesOnlyWithItsOwnSecret() {
        var registry = ServiceClientRegistry.of(Map.of("booking", new Client(SECRET, null, List.of("audit.write"))));

        assertThat(registry.authenticate("booking", SECRET))
                .hasValueSatisfying(client -> assertThat(client.scopes()).containsExactly("audit.write"));
        assertThat(registry.authenticate("booking", SECRET + "x")).isEmpty();
        assertThat(registry.authenticate("audit", SECRET)).isEmpty();
        assertThat(registry.authenticate(null, null)).isEmpty();
    }

    @Test
    void aClientMayBeRegisteredByTheSha256OfItsSecret() {
        var digest = java.util.HexFormat.of().formatHex(ServiceClientRegistry.sha256(SECRET));
        var registry = ServiceClientRegistry.of(Map.of("booking", new Client(null, digest, List.of())));

        assertThat(registry.authenticate("booking", SECRET)).isPresent();
    }

    @Test
    void misconfiguredClientsStopTheStartWithoutPrintingTheSecret() {
        assertThatThrownBy(() -> ServiceClientRegistry.of(Map.of("booking", new Client("short", null, List.of()))))
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> ServiceClientRegistry.of(Map.of("booking", new Client(SECRET, "ab", List.of()))))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ServiceClientRegistry.of(Map.of("booking", new Client(null, null, List.of()))))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ServiceClientRegistry.of(Map.of("booking", new Client(null, "zz", List.of()))))
                .hasMessageContaining("not a hex SHA-256");
        assertThatThrownBy(() -> ServiceClientRegistry.of(Map.of("Booking!", new Client(SECRET, null, List.of()))))
                .hasMessageContaining("lowercase");
        assertThatThrownBy(() ->
                        ServiceClientRegistry.of(Map.of("booking", new Client(SECRET, null, List.of("has space")))))
                .hasMessageContaining("malformed scope")
                .hasMessageNotContaining(SECRET);
    }
}
