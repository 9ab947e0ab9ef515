package io.polyclinic.web.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a browser session into a cookie value and opens it again: AES-256-GCM with a random 96-bit nonce, so a cookie
 * can be neither read nor altered without the key (decision 0051). The value is URL-safe Base64 of
 * {@code nonce || ciphertext || tag}. The first key seals; every key opens, so a new key can be put first while
 * cookies sealed with the old one still work until they are rewritten.
 */
public final class SessionCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Longest cookie value accepted; a sealed session is about 1.3 kB. */
    private static final int MAX_VALUE_CHARS = 4000;

    private final List<SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param base64Keys Base64 of 32 random bytes each, at least one
     * @throws IllegalArgumentException for no key or a key that is not 32 bytes
     */
    public SessionCipher(List<String> base64Keys) {
        if (base64Keys == null || base64Keys.isEmpty()) {
            throw new IllegalArgumentException("polyclinic.web-ui.session.keys is not set: give at least one key, "
                    + "Base64 of 32 random bytes (openssl rand -base64 32), in POLYCLINIC_WEB_UI_SESSION_KEYS");
        }
        var list = new ArrayList<SecretKey>();
        for (var encoded : base64Keys) {
            var bytes = Base64.getDecoder().decode(encoded.strip());
            if (bytes.length != 32) {
                throw new IllegalArgumentException("A session key must be 32 bytes (Base64 of 32 random bytes)");
            }
            list.add(new SecretKeySpec(bytes, "AES"));
        }
        this.keys = List.copyOf(list);
    }

    /** Encrypts {@code plain} with the first key. */
    public String seal(String plain) {
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.getFirst(), new GCMParameterSpec(TAG_BITS, nonce));
            var sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            var out = ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plain text, or empty when the value was not sealed by one of the keys (forged, altered or too old). */
    public Optional<String> open(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_CHARS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        for (var key : keys) {
            try {
                var cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
                var plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
                return Optional.of(new String(plain, StandardCharsets.UTF_8));
            } catch (GeneralSecurityException notThisKey) {
                // try the next key
            }
        }
        return Optional.empty();
    }
}
