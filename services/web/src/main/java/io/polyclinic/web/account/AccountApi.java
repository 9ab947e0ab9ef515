package io.polyclinic.web.account;

import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.web.api.ApiClient;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/** Identity's session API as the account pages use it; errors are {@link io.polyclinic.web.api.ApiException}s. */
@Component
public class AccountApi {

    private final ApiClient api;

    public AccountApi(ApiClient api) {
        this.api = api;
    }

    /** The user's active sessions, newest first (at most 50). */
    public PageResponse<LoginSession> sessions() {
        return api.get(
                "/api/v1/auth/sessions?size=50", new ParameterizedTypeReference<PageResponse<LoginSession>>() {});
    }

    /** Ends one of the user's sessions. */
    public void revoke(UUID sessionId) {
        api.delete("/api/v1/auth/sessions/" + sessionId);
    }

    /**
     * Changes the user's password; identity ends every other session of the user, this one stays.
     *
     * @throws io.polyclinic.web.api.ApiException 400 with a {@code currentPassword} (wrong) or {@code newPassword}
     *     (breaks the policy) field error, 429 past the login limits, 401 when the session has ended
     */
    public void changePassword(String currentPassword, String newPassword) {
        api.post(
                "/api/v1/auth/password",
                java.util.Map.of("currentPassword", currentPassword, "newPassword", newPassword),
                Void.class);
    }

    /** One of identity's sessions of the user. */
    public record LoginSession(
            UUID id,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable String userAgent,
            @Nullable String ip,
            boolean current) {}
}
