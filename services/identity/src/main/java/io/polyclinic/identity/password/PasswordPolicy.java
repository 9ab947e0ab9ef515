package io.polyclinic.identity.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The password rules of docs/product.md S1, after NIST SP 800-63B §5.1.1.2: 8 to 128 characters (Unicode code points, any
 * characters allowed, no composition rules) and not one of the well-known common passwords (compared ignoring
 * case), shipped as the resource {@code common-passwords.txt}.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    static final String COMMON_PASSWORDS_RESOURCE = "/io/polyclinic/identity/password/common-passwords.txt";

    private final Set<String> commonPasswords;

    /** A policy with the given common passwords (compared in lower case). */
    public PasswordPolicy(Set<String> commonPasswords) {
        var lower = new HashSet<String>();
        commonPasswords.forEach(p -> lower.add(p.toLowerCase(Locale.ROOT)));
        this.commonPasswords = Set.copyOf(lower);
    }

    /** The policy with the bundled common-password list. */
    public static PasswordPolicy withBundledList() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + COMMON_PASSWORDS_RESOURCE);
            }
            var passwords = new HashSet<String>();
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .forEach(passwords::add);
            }
            return new PasswordPolicy(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks a new password.
     *
     * @throws WeakPasswordException (400) when it is missing, too short, too long or common
     */
    public void check(String password) {
        if (password == null) {
            throw new WeakPasswordException("A password is required.");
        }
        var length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new WeakPasswordException(
                    "The password must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters long.");
        }
        if (commonPasswords.contains(password.toLowerCase(Locale.ROOT))) {
            throw new WeakPasswordException("This password is too common; choose another one.");
        }
    }

    /** How many common passwords the policy knows. */
    public int commonPasswordCount() {
        return commonPasswords.size();
    }
}
