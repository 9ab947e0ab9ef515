package io.polyclinic.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.identity.IdentityApiTest;
import org.junit.jupiter.api.Test;

class JwksApiTest extends IdentityApiTest {

    @Test
    void thePublicKeysArePublicCacheableAndHoldNoPrivatePart() {
        var response = get("/.well-known/jwks.json", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Cache-Control")).contains("max-age=300").contains("public");
        var key = response.body().get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("kid").asString()).isNotBlank();
        assertThat(key.has("n")).isTrue();
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
        assertThat(key.has("q")).isFalse();
    }
}
