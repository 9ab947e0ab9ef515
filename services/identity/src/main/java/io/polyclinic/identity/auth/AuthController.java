package io.polyclinic.identity.auth;

import io.polyclinic.identity.token.AccessTokenIssuer;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Login, refresh, logout and the caller's sessions under {@code /api/v1/auth} (docs/product.md S1). */
@RestController
class AuthController {

    private final AuthService auth;
    private final PasswordChangeService passwords;

    AuthController(AuthService auth, PasswordChangeService passwords) {
        this.auth = auth;
        this.passwords = passwords;
    }

    /** @param password at most 1024 characters; no policy check at login, a wrong one is simply wrong */
    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 1024) String password) {

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=****]";
        }
    }

    /** @param refreshToken the opaque token from login or the previous refresh */
    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[****]";
        }
    }

    /**
     * @param currentPassword the password now, at most 1024 characters
     * @param newPassword the new one, checked against the registration policy (8 to 128 characters, not common)
     */
    record PasswordChangeRequest(
            @NotNull @Size(max = 1024) String currentPassword,
            @NotNull @Size(max = 1024) String newPassword) {

        @Override
        public String toString() {
            return "PasswordChangeRequest[****]";
        }
    }

    /**
     * One session in the list.
     *
     * @param current whether the caller's access token belongs to it
     */
    record SessionResponse(
            UUID id, Instant createdAt, Instant lastUsedAt, String userAgent, String ip, boolean current) {}

    /**
     * {@code POST /api/v1/auth/login}: 200 with a token pair; 401 {@code invalid-credentials} for an unknown email or
     * a wrong password alike; 429 with {@code Retry-After} past the per-account or per-IP limit.
     */
    @PostMapping(
            path = "/api/v1/auth/login",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenPair> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        var client = new ClientInfo(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT));
        return noStore(auth.login(request.email(), request.password(), client));
    }

    /**
     * {@code POST /api/v1/auth/refresh}: 200 with a new pair, the presented token no longer works; 401
     * {@code invalid-refresh-token} otherwise (a reused token also revokes its session).
     */
    @PostMapping(
            path = "/api/v1/auth/refresh",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenPair> refresh(@Valid @RequestBody RefreshRequest request) {
        return noStore(auth.refresh(request.refreshToken()));
    }

    /** {@code POST /api/v1/auth/logout}: 204; ends the session of the presented access token. */
    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout(AuthenticatedUser caller, @AuthenticationPrincipal Jwt jwt) {
        auth.logout(caller.id(), sessionId(jwt));
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code POST /api/v1/auth/logout-all}: 204; ends every session of the caller. 401 {@code session-ended} when the
     * access token's own session already ended (as for the two session endpoints below).
     */
    @PostMapping("/api/v1/auth/logout-all")
    ResponseEntity<Void> logoutEverywhere(AuthenticatedUser caller, @AuthenticationPrincipal Jwt jwt) {
        auth.logoutEverywhere(caller.id(), sessionId(jwt));
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code POST /api/v1/auth/password}: 204; the password is changed and every other session of the caller ended,
     * the caller's own stays. 400 {@code invalid-request} with an error on {@code currentPassword} (wrong) or
     * {@code newPassword} (breaks the policy); 401 {@code session-ended}; 429 past the login limits.
     */
    @PostMapping(path = "/api/v1/auth/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> changePassword(
            AuthenticatedUser caller,
            @AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody PasswordChangeRequest request,
            HttpServletRequest http) {
        var client = new ClientInfo(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT));
        passwords.change(caller.id(), sessionId(jwt), request.currentPassword(), request.newPassword(), client);
        return ResponseEntity.noContent().build();
    }

    /** {@code GET /api/v1/auth/sessions?page=&size=}: the caller's active sessions, newest first, paged. */
    @GetMapping(path = "/api/v1/auth/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResponse<SessionResponse> sessions(
            AuthenticatedUser caller,
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var current = sessionId(jwt);
        return auth.activeSessions(caller.id(), current, PageQuery.of(page, size))
                .map(s -> new SessionResponse(
                        s.id(), s.createdAt(), s.lastUsedAt(), s.userAgent(), s.ip(), s.id().equals(current)));
    }

    /** {@code DELETE /api/v1/auth/sessions/{id}}: 204; 404 when the caller has no such session. */
    @DeleteMapping("/api/v1/auth/sessions/{id}")
    ResponseEntity<Void> revokeSession(
            AuthenticatedUser caller, @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        auth.revokeSession(caller.id(), sessionId(jwt), id);
        return ResponseEntity.noContent().build();
    }

    /** The {@code sid} claim, or null for a token without a valid one. */
    private static UUID sessionId(Jwt jwt) {
        var sid = jwt == null ? null : jwt.getClaimAsString(AccessTokenIssuer.SESSION_ID_CLAIM);
        try {
            return sid == null ? null : UUID.fromString(sid);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Token responses must not be cached (RFC 6749 §5.1). */
    private static ResponseEntity<TokenPair> noStore(TokenPair pair) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(pair);
    }
}
