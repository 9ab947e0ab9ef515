package io.polyclinic.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import io.polyclinic.identity.password.PasswordHasher;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class LoginApiTest extends IdentityApiTest {

    @Autowired
    private Environment environment;

    @Test
    void loginAnswersABearerTokenPairThatIsNotCached() {
        var email = uniqueEmail();
        register(email);

        var response = login(email.toUpperCase(java.util.Locale.ROOT), PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("tokenType")).isEqualTo("Bearer");
        assertThat(response.body().get("expiresIn").asLong()).isEqualTo(900);
        assertThat(response.text("accessToken")).isNotBlank();
        assertThat(response.text("refreshToken")).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void theAccessTokenVerifiesAgainstThePublishedJwksAndCarriesTheExpectedClaims() throws Exception {
        var email = uniqueEmail();
        var userId = register(email);
        var token = login(email, PASSWORD).text("accessToken");

        var jwks = JWKSet.parse(get("/.well-known/jwks.json", null).raw().body());
        var jwt = SignedJWT.parse(token);
        var kid = jwt.getHeader().getKeyID();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(kid).isNotBlank();
        var key = (RSAKey) jwks.getKeyByKeyId(kid);
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(userId.toString());
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getStringListClaim("roles")).containsExactly("PATIENT");
        assertThat(claims.getIssuer()).isEqualTo("polyclinic-identity");
        assertThat(claims.getAudience()).containsExactly("polyclinic");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(UUID.fromString(claims.getStringClaim("sid"))).isNotNull();
        var issuedAt = claims.getIssueTime().toInstant();
        assertThat(issuedAt)
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(Duration.between(issuedAt, claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));

        var me = get("/api/v1/users/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("email")).isEqualTo(email);
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameProblem() {
        var email = uniqueEmail();
        register(email);

        var wrongPassword = login(email, "not the password at all").assertProblem(401, "invalid-credentials");
        var unknownEmail = login(uniqueEmail(), PASSWORD).assertProblem(401, "invalid-credentials");

        var ignored = List.of("traceId", "requestId");
        var a = (tools.jackson.databind.node.ObjectNode) wrongPassword.body();
        var b = (tools.jackson.databind.node.ObjectNode) unknownEmail.body();
        a.remove(ignored);
        b.remove(ignored);
        assertThat(a).isEqualTo(b);
        assertThat(wrongPassword.raw().body()).doesNotContain(email);
    }

    @Test
    void theSixthAttemptOnOneAccountWithinAMinuteIsAnswered429WithRetryAfter() {
        var email = uniqueEmail();
        register(email);
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i).assertProblem(401, "invalid-credentials");
        }

        var limited = login(email, PASSWORD).assertProblem(429, "rate-limited");

        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    }

    /** A login of {@code email} from {@code ip} (through {@code X-Forwarded-For}, trusted from loopback). */
    private Response loginFrom(String ip, String email, String password) {
        return send(request("/api/v1/auth/login")
                .setHeader("X-Forwarded-For", ip)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("email", email, "password", password)))));
    }

    @Test
    void aStrangerBurningTheirOwnAttemptsOnAnAccountDoesNotLockItsOwnerOut() {
        var email = uniqueEmail();
        register(email);
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i).assertProblem(401, "invalid-credentials");
        }
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password again " + i).assertProblem(429, "rate-limited");
        }

        var owner = loginFrom("198.19.1.1", email, PASSWORD);

        assertThat(owner.status()).as(owner.raw().body()).isEqualTo(200);
    }

    @Test
    void theAccountLimitOfTwentyHoldsAcrossClientAddresses() {
        var email = uniqueEmail();
        register(email);
        var started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            loginFrom("198.19.0." + (i + 1), email, "x").assertProblem(401, "invalid-credentials");
        }

        // The bucket refills greedily, one attempt per 3 s (20 per minute): on a loaded machine the 20 attempts may
        // have earned some back, so the limit shows once those are spent, and never without a per-account limit.
        Response last;
        int attempts = 0;
        do {
            attempts++;
            last = loginFrom("198.19.2." + attempts, email, PASSWORD);
        } while (last.status() == 200 && attempts <= refilledSince(started) && attempts < 200);
        last.assertProblem(429, "rate-limited");
    }

    /** Attempts the per-account bucket has earned back since {@code started} (greedy refill, 20 per minute). */
    private static long refilledSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis() / 3_000;
    }

    @Test
    void theSessionRecordsTheForwardedClientAddressFromTheLoopbackProxy() {
        var token = registerAndLogin(uniqueEmail()).text("accessToken");

        var sessions = get("/api/v1/auth/sessions", token);

        assertThat(sessions.status()).isEqualTo(200);
        assertThat(sessions.body().get("items").get(0).get("ip").asString()).isEqualTo(clientIp);
    }

    @Test
    void onlyLoopbackIsTrustedToForwardClientAddressesByDefault() throws Exception {
        var trusted = org.apache.catalina.util.NetMaskSet.parse(
                environment.getProperty("server.tomcat.remoteip.internal-proxies"));

        assertThat(trusted.contains("127.0.0.1")).isTrue();
        assertThat(trusted.contains("0:0:0:0:0:0:0:1")).isTrue();
        for (var untrusted : List.of("10.0.0.5", "192.168.1.10", "172.16.0.1", "169.254.1.1", "100.64.0.1")) {
            assertThat(trusted.contains(untrusted)).as(untrusted).isFalse();
        }
    }

    @Test
    void aLoginReplacesAStoredHashOfALowerCostWithOneOfTheConfiguredCost() {
        var email = uniqueEmail();
        register(email);
        var cheap = new BCryptPasswordEncoder(4).encode(PasswordHasher.prehash(PASSWORD));
        jdbc.sql("update users set password_hash = :hash where email = :email")
                .param("hash", cheap)
                .param("email", email)
                .update();

        assertThat(login(email, PASSWORD).status()).isEqualTo(200);

        var stored = jdbc.sql("select password_hash from users where email = :email")
                .param("email", email)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("$2a$10$");
        assertThat(new BCryptPasswordEncoder().matches(PasswordHasher.prehash(PASSWORD), stored))
                .isTrue();
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aClientAddressIsLimitedToTwentyAttemptsAMinuteAcrossAccounts() {
        // The bucket refills continuously (one attempt every 3 s): a slow run earns attempts back, so the limit shows
        // once those are spent too, and never before the twenty-first attempt.
        var started = System.nanoTime();
        Response last;
        int attempts = 0;
        do {
            attempts++;
            last = login(uniqueEmail(), PASSWORD);
            if (last.status() != 429) {
                last.assertProblem(401, "invalid-credentials");
            }
        } while (last.status() != 429 && attempts <= 20 + refilledSince(started) && attempts < 200);

        last.assertProblem(429, "rate-limited");
        assertThat(last.header("Retry-After")).isNotBlank();
        assertThat(attempts).isGreaterThan(20);
    }

    @Test
    void loginWithMissingFieldsIsAnswered400() {
        postJson("/api/v1/auth/login", Map.of("email", uniqueEmail())).assertProblem(400, "validation-failed");
        postJson("/api/v1/auth/login", "{\"email\":1,\"password\":[]}", null).assertProblem(400, "malformed-body");
    }

    @Test
    void loginWithAnUnknownFieldIsAnswered400() {
        postJson("/api/v1/auth/login", "{\"email\":\"a@b.c\",\"password\":\"x\",\"remember\":true}", null)
                .assertProblem(400, "malformed-body");
    }
}
