package io.polyclinic.identity.client;

import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code client_credentials} grant (RFC 6749 §4.4): authenticates a registered service and issues it a service
 * token with the scopes it asked for, or with all its scopes when it asked for none. A failed client authentication
 * is logged with the client id and address, never with the secret.
 */
public class ServiceTokenService {

    /** The one grant type the token endpoint supports. */
    public static final String CLIENT_CREDENTIALS = "client_credentials";

    /** The longest {@code scope} parameter accepted. */
    static final int MAX_SCOPE_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(ServiceTokenService.class);

    private final ServiceClientRegistry clients;
    private final ServiceTokenIssuer issuer;

    /**
     * @param clients the registered clients
     * @param issuer signs the tokens
     */
    public ServiceTokenService(ServiceClientRegistry clients, ServiceTokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    /**
     * Issues a token to the client.
     *
     * @param clientId the client id from HTTP Basic, or null when none was sent
     * @param secret the client secret from HTTP Basic, or null
     * @param grantType the {@code grant_type} parameter, or null
     * @param scope the {@code scope} parameter (space-separated), or null
     * @param clientIp the caller's address, for the log
     * @throws TokenRequestException {@code invalid_client} when the client is unknown or the secret wrong (checked
     *     first), {@code invalid_request} without a grant type, {@code unsupported_grant_type} for any grant but
     *     {@code client_credentials}, {@code invalid_scope} for a malformed scope or one the client may not have
     */
    public ServiceTokenIssuer.ServiceToken issue(
            String clientId, String secret, String grantType, String scope, String clientIp) {
        var client = clients.authenticate(clientId, secret).orElseThrow(() -> {
            log.warn("Service client authentication failed for client id {} from {}", printable(clientId), clientIp);
            return new TokenRequestException(
                    TokenRequestException.Error.INVALID_CLIENT, "Client authentication failed.");
        });
        if (grantType == null || grantType.isBlank()) {
            throw new TokenRequestException(TokenRequestException.Error.INVALID_REQUEST, "grant_type is required.");
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw new TokenRequestException(
                    TokenRequestException.Error.UNSUPPORTED_GRANT_TYPE, "Only client_credentials is supported.");
        }
        var granted = grantedScopes(client, scope);
        var token = issuer.issue(client.id(), granted);
        log.info("Issued a service token to {} with scope [{}]", client.id(), token.scope());
        return token;
    }

    private static List<String> grantedScopes(ServiceClient client, String scope) {
        if (scope == null || scope.isBlank()) {
            return client.scopes().stream().sorted().toList();
        }
        if (scope.length() > MAX_SCOPE_LENGTH) {
            throw new TokenRequestException(TokenRequestException.Error.INVALID_SCOPE, "scope is too long.");
        }
        var requested = new LinkedHashSet<String>();
        for (var token : scope.trim().split(" +")) {
            if (!ServiceClientRegistry.SCOPE.matcher(token).matches()) {
                throw new TokenRequestException(TokenRequestException.Error.INVALID_SCOPE, "scope is malformed.");
            }
            if (!client.scopes().contains(token)) {
                throw new TokenRequestException(
                        TokenRequestException.Error.INVALID_SCOPE, "The client may not have the scope " + token + ".");
            }
            requested.add(token);
        }
        return List.copyOf(requested);
    }

    /** A client id as the caller sent it, safe for one log line: at most 64 printable ASCII characters. */
    private static String printable(String clientId) {
        if (clientId == null) {
            return "(none)";
        }
        var cleaned = clientId.replaceAll("[^\\x21-\\x7E]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }
}
