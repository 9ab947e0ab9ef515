package io.polyclinic.web.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session cookie can be neither read nor altered without the key, and survives a key rotation. */
class SessionCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aSealedSessionOpensAgainAndHidesItsTokens() {
        var cipher = new SessionCipher(List.of(key()));
        var session =
                new BrowserSession("header.payload.signature", "refresh-secret", Instant.ofEpochSecond(1_900_000_000));
        var value = cipher.seal(session.serialize());

        assertThat(value).doesNotContain("refresh-secret").doesNotContain("payload");
        assertThat(cipher.open(value).flatMap(BrowserSession::parse)).contains(session);
        assertThat(session.toString()).doesNotContain("refresh-secret");
    }

    @Test
    void anAlteredOrForeignCookieDoesNotOpen() {
        var cipher = new SessionCipher(List.of(key()));
        var value = cipher.seal("a\nb\n1");
        var bytes = Base64.getUrlDecoder().decode(value);
        bytes[bytes.length - 1] ^= 1;
        assertThat(cipher.open(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isEmpty();
        assertThat(new SessionCipher(List.of(key())).open(value)).isEmpty();
        assertThat(cipher.open("not base64 !")).isEmpty();
        assertThat(cipher.open("")).isEmpty();
    }

    @Test
    void aNewFirstKeyStillOpensCookiesOfTheOldOne() {
        var old = key();
        var sealedWithOld = new SessionCipher(List.of(old)).seal("a\nb\n1");
        var rotated = new SessionCipher(List.of(key(), old));
        assertThat(rotated.open(sealedWithOld)).contains("a\nb\n1");
    }

    @Test
    void noKeyOrAShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new SessionCipher(List.of())).hasMessageContaining("POLYCLINIC_WEB_UI_SESSION_KEYS");
        assertThatThrownBy(() -> new SessionCipher(List.of(Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes");
    }

    private static String key() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
