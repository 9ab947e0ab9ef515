package io.polyclinic.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {

    @Test
    void aTokenIs256RandomBitsInBase64Url() {
        var token = RefreshTokens.generate();

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void theHashIsTheHexSha256OfTheToken() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assertThat(RefreshTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theHashIsStableAndDiffersBetweenTokens() {
        var token = RefreshTokens.generate();

        assertThat(RefreshTokens.hash(token))
                .isEqualTo(RefreshTokens.hash(token))
                .hasSize(64);
        assertThat(RefreshTokens.hash(token)).isNotEqualTo(RefreshTokens.hash(RefreshTokens.generate()));
    }
}
