package io.polyclinic.identity.client;

import java.util.Arrays;
import java.util.Set;

/**
 * A service registered to get service tokens: its client id, the SHA-256 of its secret and the scopes it may have.
 *
 * @param id the client id, which becomes the token's {@code sub} and {@code client_id}
 * @param secretDigest SHA-256 of the UTF-8 secret (32 bytes)
 * @param scopes the scopes the client may ask for
 */
public record ServiceClient(String id, byte[] secretDigest, Set<String> scopes) {

    public ServiceClient {
        secretDigest = secretDigest.clone();
        scopes = Set.copyOf(scopes);
    }

    @Override
    public byte[] secretDigest() {
        return secretDigest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceClient client
                && client.id.equals(id)
                && Arrays.equals(client.secretDigest, secretDigest)
                && client.scopes.equals(scopes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Never prints the digest. */
    @Override
    public String toString() {
        return "ServiceClient[id=" + id + ", scopes=" + scopes + "]";
    }
}
