package io.polyclinic.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys that sign access tokens (RS256). The first key signs; all keys are published in the JWKS, so a key is
 * rotated by putting a new key first and keeping the old one until the last token it signed has expired (one access
 * token lifetime): nobody is logged out.
 *
 * <p>Sources: a JWK set JSON with private keys (RFC 7517, production, from the environment), or else a directory where
 * a key generated on first start is kept in {@value #FILE_NAME} with owner-only permissions. Key material is never
 * logged; only key ids are.
 */
public final class SigningKeys {

    static final String FILE_NAME = "signing-keys.json";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final List<RSAKey> keys;

    private SigningKeys(List<RSAKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("No RSA signing key configured");
        }
        for (var key : keys) {
            if (!key.isPrivate()) {
                throw new IllegalStateException("Signing key " + key.getKeyID() + " has no private part");
            }
            if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                throw new IllegalStateException("Every signing key needs a key id (kid)");
            }
        }
        this.keys = List.copyOf(keys);
    }

    /**
     * Keys from a JWK set JSON holding private RSA keys.
     *
     * @throws IllegalStateException when the JSON does not parse or holds no usable RSA private key
     */
    public static SigningKeys fromJwks(String json) {
        try {
            var keys = JWKSet.parse(json).getKeys().stream()
                    .filter(RSAKey.class::isInstance)
                    .map(RSAKey.class::cast)
                    .toList();
            var signingKeys = new SigningKeys(keys);
            log.info(
                    "Token signing keys from configuration, signing with kid {}",
                    signingKeys.current().getKeyID());
            return signingKeys;
        } catch (ParseException e) {
            // The parser's message may quote the input: do not pass it on.
            throw new IllegalStateException("polyclinic.identity.keys.jwks is not a valid JWK set");
        }
    }

    /**
     * Keys from {@code directory/signing-keys.json}, generating an RSA 2048 key there on first use.
     *
     * @throws UncheckedIOException when the directory or file cannot be read or written
     */
    public static SigningKeys fromDirectory(Path directory) {
        var file = directory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                generateInto(directory, file);
            }
            var keys = fromJwksFile(file);
            log.info(
                    "Token signing keys from {}, signing with kid {}",
                    file,
                    keys.current().getKeyID());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing keys in " + directory, e);
        }
    }

    private static SigningKeys fromJwksFile(Path file) throws IOException {
        try {
            var keys = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)).getKeys().stream()
                    .filter(RSAKey.class::isInstance)
                    .map(RSAKey.class::cast)
                    .toList();
            return new SigningKeys(keys);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a valid JWK set");
        }
    }

    private static void generateInto(Path directory, Path file) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
        Files.createDirectories(directory);
        var json = new JWKSet(key).toString(false).getBytes(StandardCharsets.UTF_8);
        var posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Another instance sharing the directory won the race: use its key.
            return;
        }
        Files.write(file, json, StandardOpenOption.TRUNCATE_EXISTING);
        log.info("Generated a new RSA signing key with kid {} in {}", key.getKeyID(), file);
    }

    /** The key that signs new tokens. */
    public RSAKey current() {
        return keys.getFirst();
    }

    /** The public halves of all keys, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicJwkSet() {
        return new JWKSet(keys.stream().map(JWK::toPublicJWK).toList());
    }

    @Override
    public String toString() {
        return "SigningKeys" + keys.stream().map(RSAKey::getKeyID).toList();
    }

    /**
     * Signs {@code claims} RS256 with the current key: header {@code kid} and {@code typ: JWT}.
     *
     * @return the compact serialization (RFC 7515 §7.1)
     * @throws IllegalStateException when the key cannot sign
     */
    public String sign(JWTClaimsSet claims) {
        var signingKey = current();
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        try {
            var jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token with key " + signingKey.getKeyID(), e);
        }
    }
}
