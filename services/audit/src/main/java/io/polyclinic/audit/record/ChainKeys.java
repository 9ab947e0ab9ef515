package io.polyclinic.audit.record;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret keys of the audit chain (decision 0030): the current key links new records and signs the chain anchor;
 * previous keys only verify what they linked before a rotation. Each key is known by its id, derived from the key
 * itself ({@code HMAC-SHA256(key, "polyclinic-audit-chain-key-id")}, first 8 bytes in hex), so the configuration
 * holds nothing but the keys and an id can never name the wrong key. Key material is never logged or put in an
 * exception message.
 */
public final class ChainKeys {

    /** The shortest accepted key, in bytes (the HMAC-SHA256 output size). */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] KEY_ID_LABEL = "polyclinic-audit-chain-key-id".getBytes(StandardCharsets.US_ASCII);

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;

    private ChainKeys(String currentId, Map<String, SecretKeySpec> keys) {
        this.currentId = currentId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * The key ring from configuration.
     *
     * @param current the current key, Base64 (standard or URL-safe), at least {@value #MIN_KEY_BYTES} bytes
     * @param previous keys in use before rotations, same format; may be empty
     * @throws IllegalStateException when the current key is missing, or any key is not Base64 or too short (the
     *     message names the property, never the value)
     */
    public static ChainKeys of(String current, List<String> previous) {
        if (current == null || current.isBlank()) {
            throw new IllegalStateException("No audit chain key: set polyclinic.audit.chain.key (environment variable"
                    + " POLYCLINIC_AUDIT_CHAIN_KEY) to at least " + MIN_KEY_BYTES + " random bytes in Base64;"
                    + " the audit service does not start without it");
        }
        var keys = new LinkedHashMap<String, SecretKeySpec>();
        var currentKey = decode("polyclinic.audit.chain.key", current);
        var currentId = idOf(currentKey);
        keys.put(currentId, currentKey);
        for (int i = 0; i < previous.size(); i++) {
            var key = decode("polyclinic.audit.chain.previous-keys[" + i + "]", previous.get(i));
            keys.putIfAbsent(idOf(key), key);
        }
        return new ChainKeys(currentId, keys);
    }

    /** The id of the key that links new records, 16 lower-case hex characters. */
    public String currentId() {
        return currentId;
    }

    /** Whether a key with this id is configured (current or previous). */
    public boolean knows(String keyId) {
        return keyId != null && keys.containsKey(keyId);
    }

    /**
     * A fresh HMAC-SHA256 initialized with the key of this id (a {@link Mac} is not thread-safe: one per use).
     *
     * @throws IllegalArgumentException for an id no configured key has; check with {@link #knows} first
     */
    public Mac mac(String keyId) {
        var key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("No audit chain key with id " + keyId);
        }
        return init(key);
    }

    private static SecretKeySpec decode(String property, String base64) {
        byte[] bytes;
        try {
            var text = base64.strip();
            bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not Base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(property + " must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(bytes, ALGORITHM);
    }

    private static String idOf(SecretKeySpec key) {
        var digest = init(key).doFinal(KEY_ID_LABEL);
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static Mac init(SecretKeySpec key) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
