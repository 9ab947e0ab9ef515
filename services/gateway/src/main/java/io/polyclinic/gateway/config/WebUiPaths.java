package io.polyclinic.gateway.config;

import java.util.List;

/**
 * Which paths the gateway sends to the web UI: all but those with another owner, namely the API ({@code /api/}), the
 * aggregated API documents and Swagger UI, {@code /.well-known/} (identity's keys), the gateway's own
 * {@code /actuator/}, and the web analytics collector's {@code /track}, {@code /tracker.js} (and its
 * {@code /api/event}, under {@code /api/}).
 */
final class WebUiPaths {

    private static final List<String> OWNED_PREFIXES =
            List.of("/api/", "/v3/api-docs", "/swagger-ui", "/.well-known/", "/actuator", "/track", "/tracker.js");

    private WebUiPaths() {}

    /** Whether {@code path} (the request's path, decoded) belongs to the web UI. */
    static boolean isWebUi(String path) {
        if (path.equals("/api")) {
            return false;
        }
        for (var prefix : OWNED_PREFIXES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
