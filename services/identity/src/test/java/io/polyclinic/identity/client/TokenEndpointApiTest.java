package io.polyclinic.identity.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.identity.IdentityApiTest;
import io.polyclinic.platform.servicetoken.ServiceTokenSource;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The OAuth2 token endpoint for services ({@code client_credentials}, decision 0025). */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointApiTest extends IdentityApiTest {

    @Autowired
    ServiceTokenSource ownTokens;

    @Test
    void aRegisteredClientGetsATokenThatVerifiesAtTheJwksWithTheServiceAudienceAndItsScopes() {
        var response = token(basic("booking", BOOKING_SECRET), "grant_type=client_credentials");

        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.text("token_type")).isEqualTo("Bearer");
        assertThat(response.body().get("expires_in").asLong()).isEqualTo(300);
        assertThat(response.text("scope")).isEqualTo("audit.write booking.read");
        var jwt = verifiedAtTheJwks(response.text("access_token"));
        assertThat(jwt.getSubject()).isEqualTo("booking");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("booking");
        assertThat(jwt.getAudience()).containsExactly("polyclinic-services");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("polyclinic-identity");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("audit.write booking.read");
        assertThat(ChronoUnit.SECONDS.between(jwt.getIssuedAt(), jwt.getExpiresAt()))
                .isEqualTo(300);
    }

    @Test
    void aClientThatAsksForSomeOfItsScopesGetsExactlyThose() {
        var response = token(basic("booking", BOOKING_SECRET), "grant_type=client_credentials&scope=audit.write");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("scope")).isEqualTo("audit.write");
        assertThat(verifiedAtTheJwks(response.text("access_token")).getClaimAsString("scope"))
                .isEqualTo("audit.write");
    }

    @Test
    void aClientRegisteredByTheHashOfItsSecretAuthenticates() {
        var response = token(basic("notifier", NOTIFIER_SECRET), "grant_type=client_credentials");

        assertThat(response.status()).isEqualTo(200);
        assertThat(verifiedAtTheJwks(response.text("access_token")).getSubject())
                .isEqualTo("notifier");
    }

    @Test
    void aWrongSecretAnUnknownClientOrNoCredentialsAreInvalidClient401(CapturedOutput output) {
        var wrongSecret = "wrong-secret-that-must-never-be-logged-42";
        for (var authorization : List.of(
                basic("booking", wrongSecret),
                basic("stranger", BOOKING_SECRET),
                basic("notifier", BOOKING_SECRET),
                "Basic not-base64!",
                "")) {
            var response = token(authorization, "grant_type=client_credentials");

            assertThat(response.status()).as(authorization).isEqualTo(401);
            assertThat(response.text("error")).isEqualTo("invalid_client");
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.body().has("access_token")).isFalse();
        }
        assertThat(output.getOut()).contains("Service client authentication failed for client id booking");
        assertThat(output.getOut()).doesNotContain(wrongSecret).doesNotContain(BOOKING_SECRET);
    }

    @Test
    void anUnknownGrantTypeIs400UnsupportedGrantTypeAndAMissingOneInvalidRequest() {
        var password = token(basic("booking", BOOKING_SECRET), "grant_type=password&username=a&password=b");
        var missing = token(basic("booking", BOOKING_SECRET), "scope=audit.write");
        var twice =
                token(basic("booking", BOOKING_SECRET), "grant_type=client_credentials&grant_type=client_credentials");

        assertThat(password.status()).isEqualTo(400);
        assertThat(password.text("error")).isEqualTo("unsupported_grant_type");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("error")).isEqualTo("invalid_request");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.text("error")).isEqualTo("invalid_request");
    }

    @Test
    void aScopeTheClientMayNotHaveIsInvalidScope() {
        var foreign = token(basic("notifier", NOTIFIER_SECRET), "grant_type=client_credentials&scope=booking.read");
        var malformed = token(basic("booking", BOOKING_SECRET), "grant_type=client_credentials&scope=%22quoted%22");

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.text("error")).isEqualTo("invalid_scope");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("error")).isEqualTo("invalid_scope");
    }

    @Test
    void aServiceTokenIsNeverAcceptedAsAUserTokenByTheRestApi() {
        var serviceToken = token(basic("booking", BOOKING_SECRET), "grant_type=client_credentials")
                .text("access_token");

        var me = get("/api/v1/users/me", serviceToken);

        assertThat(me.status()).isEqualTo(401);
    }

    @Test
    void moreThanThirtyTokenRequestsAMinuteFromOneAddressAreRateLimited() {
        for (int i = 0; i < 30; i++) {
            assertThat(token(basic("booking", "wrong-" + i), "grant_type=client_credentials")
                            .status())
                    .isEqualTo(401);
        }

        // The bucket refills continuously (30 a minute), so a request or two may still pass before the limit bites.
        Response limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            var response = token(basic("booking", BOOKING_SECRET), "grant_type=client_credentials");
            if (response.status() == 429) {
                limited = response;
            }
        }

        assertThat(limited).as("a 429 within 10 more requests").isNotNull();
        limited.assertProblem(429, "rate-limited");
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    @Test
    void identityMintsItsOwnServiceTokenWithTheAuditWriteScope() {
        var jwt = verifiedAtTheJwks(ownTokens.token());

        assertThat(jwt.getSubject()).isEqualTo("identity");
        assertThat(jwt.getAudience()).containsExactly("polyclinic-services");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("audit.write");
        assertThat(ownTokens.token()).as("cached").isEqualTo(ownTokens.token());
    }

    private Response token(String authorization, String form) {
        var request = request("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static String basic(String clientId, String secret) {
        var pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Verifies the signature with the keys identity publishes, as every other service does. */
    private Jwt verifiedAtTheJwks(String token) {
        return NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/.well-known/jwks.json")
                .build()
                .decode(token);
    }
}
