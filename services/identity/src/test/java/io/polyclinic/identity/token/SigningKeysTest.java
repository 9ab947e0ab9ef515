package io.polyclinic.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path directory;

    @Test
    void aKeyIsGeneratedOnceIntoAnOwnerOnlyFileAndReusedAfterwards() throws Exception {
        var first = SigningKeys.fromDirectory(directory.resolve("keys"));
        var second = SigningKeys.fromDirectory(directory.resolve("keys"));

        var file = directory.resolve("keys").resolve(SigningKeys.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.current().getKeyID()).isEqualTo(first.current().getKeyID());
        assertThat(first.current().size()).isEqualTo(2048);
    }

    @Test
    void withSeveralConfiguredKeysTheFirstSignsAndAllArePublished() throws Exception {
        var newKey = new RSAKeyGenerator(2048).keyID("new").generate();
        var oldKey = new RSAKeyGenerator(2048).keyID("old").generate();
        var keys = SigningKeys.fromJwks(new JWKSet(List.of(newKey, oldKey)).toString(false));

        var published = keys.publicJwkSet();
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly("new", "old");
        assertThat(published.getKeys()).noneMatch(k -> k.isPrivate());

        var token = new AccessTokenIssuer(
                        keys, Duration.ofMinutes(15), "polyclinic-identity", "polyclinic", Clock.systemUTC())
                .issue(UUID.randomUUID(), "a@example.com", List.of("PATIENT"), UUID.randomUUID())
                .value();
        var jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("new");
        assertThat(jwt.verify(new RSASSAVerifier((RSAKey) published.getKeyByKeyId("new"))))
                .isTrue();
    }

    @Test
    void aConfiguredSetWithoutPrivateKeysOrThatDoesNotParseIsRefused() throws Exception {
        var publicOnly = new RSAKeyGenerator(2048).keyID("pub").generate().toPublicJWK();

        assertThatThrownBy(() -> SigningKeys.fromJwks(new JWKSet(publicOnly).toString()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SigningKeys.fromJwks("{\"keys\": [ {\"secret\": \"s3cr3t\""))
                .isInstanceOf(IllegalStateException.class)
                .message()
                .doesNotContain("s3cr3t");
    }
}
