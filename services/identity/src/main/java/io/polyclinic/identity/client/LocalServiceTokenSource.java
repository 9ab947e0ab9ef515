package io.polyclinic.identity.client;

import io.polyclinic.platform.servicetoken.ServiceTokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Identity's own service tokens, for its calls to other services (its audit records): minted in process by the
 * {@link ServiceTokenIssuer} rather than fetched over HTTP from its own token endpoint, so identity needs no client
 * secret for itself. A token is reused until half its lifetime has passed. Thread-safe.
 */
public final class LocalServiceTokenSource implements ServiceTokenSource {

    private final ServiceTokenIssuer issuer;
    private final String clientId;
    private final List<String> scopes;
    private final Clock clock;
    private final ReentrantLock minting = new ReentrantLock();

    private volatile Cached cached;

    /**
     * @param issuer signs the tokens
     * @param clientId identity's own client id (its {@code spring.application.name})
     * @param scopes the scopes of its tokens
     * @param clock decides when a token is renewed
     */
    public LocalServiceTokenSource(ServiceTokenIssuer issuer, String clientId, List<String> scopes, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.scopes = List.copyOf(scopes);
        this.clock = clock;
    }

    @Override
    public String token() {
        var current = cached;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        minting.lock();
        try {
            current = cached;
            var now = clock.instant();
            if (current == null || !now.isBefore(current.renewAt())) {
                var token = issuer.issue(clientId, scopes);
                current = new Cached(token.value(), now.plus(Duration.ofSeconds(token.expiresInSeconds() / 2)));
                cached = current;
            }
            return current.value();
        } finally {
            minting.unlock();
        }
    }

    @Override
    public void invalidate(String token) {
        minting.lock();
        try {
            if (cached != null && cached.value().equals(token)) {
                cached = null;
            }
        } finally {
            minting.unlock();
        }
    }

    private record Cached(String value, Instant renewAt) {

        @Override
        public String toString() {
            return "Cached[****, renewAt=" + renewAt + "]";
        }
    }
}
