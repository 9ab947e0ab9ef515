package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web UI over plain HTTP through the stack's gateway (run as {@link DevStackEndToEndTest}'s nested class
 * {@code WebUiEdge}): the browser's address reaches identity through the web UI, so one client's failed logins do not
 * block another's; the cookies are out of scripts' reach; the API keeps its routes.
 */
abstract class WebUiEdgeFlows {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_COOKIE = Pattern.compile("PC_CSRF=([^;]+)");

    @Test
    void oneClientsFailedLoginsDoNotBlockAnothersLogin() throws Exception {
        var email = "victim-" + UUID.randomUUID() + "@example.com";
        DevStackEndToEndTest.registeredPatientToken(email);

        // An attacker at 203.0.113.7 guesses the victim's password until the login protection stops it.
        int attempts = 0;
        HttpResponse<String> guess;
        do {
            guess = logIn("203.0.113.7", email, "wrong-password-" + attempts);
            attempts++;
        } while (guess.statusCode() == 401 && attempts < 30);
        assertThat(guess.statusCode()).as("the attacker is stopped").isEqualTo(429);
        assertThat(guess.body()).contains("Too many attempts").doesNotContain("\"status\"");
        assertThat(logIn("203.0.113.7", email, WebUiBrowserFlows.PASSWORD).statusCode())
                .as("the attacker's address stays blocked even with the right password")
                .isEqualTo(429);

        // The victim, at another address, logs in at once.
        var victim = logIn("198.51.100.20", email, WebUiBrowserFlows.PASSWORD);
        assertThat(victim.statusCode()).as(victim.body()).isEqualTo(302);
        assertThat(victim.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        var session = victim.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("PC_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(session).contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
    }

    @Test
    void theApiAndTheDocumentsKeepTheirRoutesAndUnknownPagesAreOurs() throws Exception {
        var api = get("/api/v1/doctors?size=1", "198.51.100.30");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("json"));
        var jwks = get("/.well-known/jwks.json", "198.51.100.30");
        assertThat(jwks.body()).contains("\"keys\"");
        var page = get("/", "198.51.100.30");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        var missing = get("/no-such-page", "198.51.100.30");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found").doesNotContain("\"status\"");
    }

    /** Loads the login form (for its CSRF token) and posts it from {@code clientAddress}. */
    private static HttpResponse<String> logIn(String clientAddress, String email, String password) throws Exception {
        var form = get("/login", clientAddress);
        var field = CSRF_FIELD.matcher(form.body());
        assertThat(field.find()).as(form.body()).isTrue();
        var cookie = form.headers().allValues("Set-Cookie").stream()
                .map(CSRF_COOKIE::matcher)
                .filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow();
        var body = "email=" + enc(email) + "&password=" + enc(password) + "&next=%2F&_csrf=" + enc(field.group(1));
        var request = HttpRequest.newBuilder(URI.create(DevStackEndToEndTest.stack.gatewayUrl() + "/login"))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientAddress)
                .header("Cookie", "PC_CSRF=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as a client at {@code clientAddress}, behind a load balancer (the test, on loopback, is a trusted proxy). */
    private static HttpResponse<String> get(String path, String clientAddress) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(DevStackEndToEndTest.stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientAddress)
                .header("Accept-Language", "en")
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
