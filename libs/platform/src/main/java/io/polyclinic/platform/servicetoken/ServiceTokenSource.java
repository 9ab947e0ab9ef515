package io.polyclinic.platform.servicetoken;

/**
 * Where a service gets the bearer token that authenticates its calls to other services: a JWT from identity with
 * the service audience and this service's scopes. Implementations cache the token and are thread-safe.
 */
public interface ServiceTokenSource {

    /**
     * A token valid for a while longer (at least until shortly before its expiry).
     *
     * @throws ServiceTokenUnavailableException when no valid token can be had right now (identity unreachable, the
     *     credentials refused); the caller fails its call and retries later
     */
    String token();

    /**
     * Forgets {@code token} when it is the cached one, so the next {@link #token()} fetches a new one; called when a
     * server refused it (for example after identity's signing keys were rotated). Does nothing by default.
     */
    default void invalidate(String token) {}
}
