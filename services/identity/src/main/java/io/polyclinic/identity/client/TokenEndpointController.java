package io.polyclinic.identity.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.polyclinic.identity.ratelimit.TokenRequestRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth2 token endpoint for services (decision 0025): {@code POST /oauth2/token} with
 * {@code application/x-www-form-urlencoded} {@code grant_type=client_credentials[&scope=a b]} and the client's id and
 * secret in HTTP Basic ({@code client_secret_basic}, RFC 6749 §2.3.1). It is internal: the gateway does not route it.
 *
 * <p>Answers follow OAuth2 rather than the platform's problem details, because OAuth2 clients parse them: 200
 * {@code {"access_token","token_type":"Bearer","expires_in","scope"}} (§5.1), errors
 * {@code {"error","error_description"}} (§5.2) with 400, or 401 and {@code WWW-Authenticate: Basic} for
 * {@code invalid_client}; both with {@code Cache-Control: no-store}. More than 30 requests a minute from one address
 * (any outcome) are a 429 problem.
 */
@RestController
class TokenEndpointController {

    static final String PATH = "/oauth2/token";

    private final ServiceTokenService tokens;
    private final TokenRequestRateLimiter rateLimiter;

    TokenEndpointController(ServiceTokenService tokens, TokenRequestRateLimiter rateLimiter) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    /** The §5.1 answer. */
    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("scope") String scope) {

        @Override
        public String toString() {
            return "TokenResponse[****, expiresIn=" + expiresIn + ", scope=" + scope + "]";
        }
    }

    /** The §5.2 answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenErrorResponse(
            @JsonProperty("error") String error,
            @JsonProperty("error_description") String errorDescription) {}

    @PostMapping(
            path = PATH,
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> token(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam MultiValueMap<String, String> parameters,
            HttpServletRequest request) {
        rateLimiter.acquire(request.getRemoteAddr());
        for (var name : List.of("grant_type", "scope")) {
            if (parameters.getOrDefault(name, List.of()).size() > 1) {
                throw new TokenRequestException(
                        TokenRequestException.Error.INVALID_REQUEST, name + " must be given once.");
            }
        }
        var credentials = BasicCredentials.parse(authorization);
        var token = tokens.issue(
                credentials == null ? null : credentials.clientId(),
                credentials == null ? null : credentials.secret(),
                parameters.getFirst("grant_type"),
                parameters.getFirst("scope"),
                request.getRemoteAddr());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new TokenResponse(token.value(), "Bearer", token.expiresInSeconds(), token.scope()));
    }

    @ExceptionHandler(TokenRequestException.class)
    ResponseEntity<TokenErrorResponse> refused(TokenRequestException e) {
        var response = ResponseEntity.status(e.error().status())
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .contentType(MediaType.APPLICATION_JSON);
        if (e.error() == TokenRequestException.Error.INVALID_CLIENT) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"polyclinic\", charset=\"UTF-8\"");
        }
        return response.body(new TokenErrorResponse(e.error().code(), e.getMessage()));
    }

    /** The client id and secret of an HTTP Basic header, each form-decoded (RFC 6749 §2.3.1). */
    record BasicCredentials(String clientId, String secret) {

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "BasicCredentials[clientId=" + clientId + ", secret=****]";
        }

        /** The credentials, or null when the header is missing or not well-formed Basic. */
        static BasicCredentials parse(String header) {
            if (header == null || header.length() > 1024 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            try {
                var decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon <= 0) {
                    return null;
                }
                return new BasicCredentials(
                        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
