package io.polyclinic.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.web.session.BrowserSession;
import io.polyclinic.web.session.SessionCookies;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The forms of a logged-in person against the real web service (decision 0056), with a cookie jar like a browser's
 * and a stand-in for identity's password endpoint: the CSRF cookie is set in the headers of every page, before the
 * page is written; a page's form is still accepted after another page was opened meanwhile (another tab, an htmx
 * request), because the session cookie authenticating each request does not replace the token; a login replaces it.
 * The change-password page shows identity's refusals next to their fields.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.web-ui.session.keys=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "polyclinic.web-ui.session.secure=false"
        })
@ContextConfiguration(initializers = TestJwtIssuer.Initializer.class)
class FormTokensTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpServer IDENTITY = identity();

    @LocalServerPort
    int port;

    @Autowired
    SessionCookies sessionCookies;

    private CookieManager cookies;
    private HttpClient browser;

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry registry) {
        registry.add(
                "polyclinic.web-ui.api-uri",
                () -> "http://127.0.0.1:" + IDENTITY.getAddress().getPort());
    }

    /** Answers the password change: 400 with a {@code currentPassword} error for "wrong...", else 204. */
    private static HttpServer identity() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/auth/password", exchange -> {
                var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("\"currentPassword\":\"wrong")) {
                    var problem = """
                            {"type":"urn:polyclinic:problem:invalid-request","status":400,"detail":"bad",\
                            "errors":[{"field":"currentPassword","message":"The current password is wrong."}]}""".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                    exchange.sendResponseHeaders(400, problem.length);
                    exchange.getResponseBody().write(problem);
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopIdentity() {
        IDENTITY.stop(0);
    }

    @BeforeEach
    void loggedInBrowser() {
        cookies = new CookieManager();
        browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var token = TestJwtIssuer.shared().token(UUID.randomUUID(), "patient@example.com", "PATIENT");
        var sealed = new MockHttpServletResponse();
        sessionCookies.write(
                sealed, new BrowserSession(token, "refresh", Instant.now().plusSeconds(900)));
        var session = HttpCookie.parse(sealed.getHeader("Set-Cookie")).getFirst();
        session.setPath("/");
        cookies.getCookieStore().add(URI.create(site("/")), session);
    }

    @Test
    void aPageSetsItsCsrfCookieInItsHeadersAndItsFormIsAccepted() throws Exception {
        var page = get("/me/password");

        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("PC_CSRF=").doesNotStartWith("PC_CSRF=;"));
        var changed = post("/me/password", token(page), "currentPassword=old-password&newPassword=new-password-1");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/me/password?changed=true"));
    }

    @Test
    void aFormStaysValidAfterAnotherPageWasOpenedMeanwhile() throws Exception {
        var first = get("/me/password");
        var second = get("/me/password");

        assertThat(second.headers().allValues("Set-Cookie"))
                .as("the second page keeps the token")
                .noneSatisfy(c -> assertThat(c).startsWith("PC_CSRF="));
        var changed = post("/me/password", token(first), "currentPassword=old-password&newPassword=new-password-1");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
    }

    @Test
    void aForgedTokenIsThe403Page() throws Exception {
        get("/me/password");
        var forged = post("/me/password", "forged", "currentPassword=old-password&newPassword=new-password-1");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("did not come from this site");
    }

    @Test
    void aLogoutReplacesTheToken() throws Exception {
        var page = get("/me/password");
        var loggedOut = post("/logout", token(page), "");
        assertThat(loggedOut.statusCode()).isEqualTo(302);
        assertThat(loggedOut.headers().allValues("Set-Cookie"))
                .anySatisfy(c ->
                        assertThat(c).startsWith("PC_CSRF=;").containsAnyOf("Max-Age=0", "Expires=Thu, 01 Jan 1970"));
    }

    @Test
    void identitysRefusalIsShownNextToItsFieldWithoutThePasswords() throws Exception {
        var page = get("/me/password");
        var refused = post("/me/password", token(page), "currentPassword=wrong-one&newPassword=new-password-1");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"currentPassword-error\"")
                .contains("The current password is wrong.")
                .doesNotContain("wrong-one")
                .doesNotContain("new-password-1");
    }

    private String site(String path) {
        return "http://localhost:" + port + path;
    }

    private static String token(HttpResponse<String> page) {
        var field = CSRF_FIELD.matcher(page.body());
        assertThat(field.find()).as("the page has a form with a CSRF field").isTrue();
        return field.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        var response = browser.send(
                HttpRequest.newBuilder(URI.create(site(path)))
                        .header("Accept-Language", "en")
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private HttpResponse<String> post(String path, String csrf, String form) throws Exception {
        var body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return browser.send(
                HttpRequest.newBuilder(URI.create(site(path)))
                        .header("Accept-Language", "en")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
