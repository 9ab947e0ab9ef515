package io.polyclinic.identity.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The clients allowed to get service tokens, from {@code polyclinic.identity.service-tokens.clients}. Secrets are
 * kept only as SHA-256 digests (the secrets are long and random, so a fast hash is enough) and compared in constant
 * time; an unknown client id costs the same comparison, so timing tells nothing about which ids exist.
 */
public final class ServiceClientRegistry {

    /** Client ids: short, lowercase, as in a property name. */
    static final Pattern CLIENT_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** OAuth2 scope tokens (RFC 6749 §3.3). */
    static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    static final int MIN_SECRET_LENGTH = 32;

    private static final byte[] NO_CLIENT_DIGEST = new byte[32];

    private final Map<String, ServiceClient> clients;

    private ServiceClientRegistry(Map<String, ServiceClient> clients) {
        this.clients = Map.copyOf(clients);
    }

    /**
     * The registry of the configured clients.
     *
     * @throws IllegalStateException when a client id or scope is malformed, or a client has no secret, a short one,
     *     both forms of it or a malformed digest (the message never holds a secret)
     */
    public static ServiceClientRegistry of(Map<String, ServiceClientsProperties.Client> configured) {
        var clients = new HashMap<String, ServiceClient>();
        configured.forEach((id, client) -> {
            if (!CLIENT_ID.matcher(id).matches()) {
                throw new IllegalStateException("Service client id '" + id + "' must be lowercase letters, digits and"
                        + " dashes, starting with a letter");
            }
            var scopes = new LinkedHashSet<String>();
            for (var scope : client.scopes()) {
                if (!SCOPE.matcher(scope).matches()) {
                    throw new IllegalStateException("Service client " + id + " has a malformed scope");
                }
                scopes.add(scope);
            }
            clients.put(id, new ServiceClient(id, digestOf(id, client), scopes));
        });
        return new ServiceClientRegistry(clients);
    }

    private static byte[] digestOf(String id, ServiceClientsProperties.Client client) {
        var hasSecret = client.secret() != null && !client.secret().isBlank();
        var hasDigest = client.secretSha256() != null && !client.secretSha256().isBlank();
        if (hasSecret == hasDigest) {
            throw new IllegalStateException("Service client " + id + " needs exactly one of secret and secret-sha256");
        }
        if (hasSecret) {
            if (client.secret().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("The secret of service client " + id + " must be at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            return sha256(client.secret());
        }
        try {
            var digest = HexFormat.of().parseHex(client.secretSha256().trim());
            if (digest.length != 32) {
                throw new IllegalArgumentException("not 32 bytes");
            }
            return digest;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("secret-sha256 of service client " + id + " is not a hex SHA-256");
        }
    }

    /** The client whose id and secret these are, or empty; takes the same time for unknown ids. */
    public Optional<ServiceClient> authenticate(String clientId, String secret) {
        var client = clientId == null ? null : clients.get(clientId);
        var expected = client == null ? NO_CLIENT_DIGEST : client.secretDigest();
        var matches = MessageDigest.isEqual(expected, sha256(secret == null ? "" : secret));
        return client != null && matches ? Optional.of(client) : Optional.empty();
    }

    /** Whether no client is registered. */
    public boolean isEmpty() {
        return clients.isEmpty();
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }
}
