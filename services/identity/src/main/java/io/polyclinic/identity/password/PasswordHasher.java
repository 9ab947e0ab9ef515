package io.polyclinic.identity.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Hashes passwords with BCrypt (salted, adaptive; cost from {@code polyclinic.identity.password.bcrypt-strength}).
 *
 * <p>BCrypt reads at most 72 bytes, and the policy allows 128 characters (up to 512 UTF-8 bytes), so the password is
 * first reduced to {@code base64(SHA-256(utf8(password)))} (44 ASCII characters, no NUL byte), the scheme Dropbox
 * described in "How Dropbox securely stores your passwords" (2016). Every character of the password counts.
 *
 * <p>Not final only so that tests can observe when hashing happens.
 */
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;

    /** @param strength BCrypt cost factor, at least 10 */
    public PasswordHasher(int strength) {
        if (strength < 10) {
            throw new IllegalArgumentException("BCrypt cost must be at least 10");
        }
        this.encoder = new BCryptPasswordEncoder(strength);
        this.dummyHash = encoder.encode(prehash("a password nobody has " + System.nanoTime()));
    }

    /** The BCrypt hash ({@code $2a$<cost>$...}, 60 characters) of a password. */
    public String hash(String password) {
        return encoder.encode(prehash(password));
    }

    /** Whether the password matches the stored hash; false for a malformed hash. */
    public boolean matches(String password, String hash) {
        return encoder.matches(prehash(password), hash);
    }

    /** Whether a stored hash has a lower cost than the configured one and should be replaced at the next login. */
    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    /**
     * Spends the time of one check against a hash that matches nothing, so that an unknown account answers as
     * slowly as a wrong password.
     */
    public void matchNothing(String password) {
        encoder.matches(prehash(password), dummyHash);
    }

    /** {@code base64(SHA-256(utf8(password)))}, what BCrypt actually hashes. */
    public static String prehash(String password) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
