package io.polyclinic.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.identity.IdentityApiTest;
import io.polyclinic.identity.password.PasswordHasher;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class RegistrationApiTest extends IdentityApiTest {

    private Response register(String email, String password, String fullName) {
        return postJson("/api/v1/auth/register", Map.of("email", email, "password", password, "fullName", fullName));
    }

    @Test
    void registeringCreatesAPatientAndAnswers201WithLocation() {
        var email = uniqueEmail();
        var response = register(email, PASSWORD, "Anna Petrova");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/v1/users/me");
        assertThat(response.text("id")).isNotBlank();
        assertThat(response.text("email")).isEqualTo(email);
        assertThat(response.text("fullName")).isEqualTo("Anna Petrova");
        assertThat(response.body().get("roles").toString()).isEqualTo("[\"PATIENT\"]");
        assertThat(response.body().has("password")).isFalse();
        assertThat(response.body().has("passwordHash")).isFalse();
    }

    @Test
    void aNameWithANulCharacterIsA400AndNothingIsStored() {
        var email = uniqueEmail();

        // NUL is a control character: refused before the database would refuse it.
        var response = register(email, PASSWORD, "Anna\u0000Petrova").assertProblem(400, "invalid-request");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("fullName");

        assertThat(postJson("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void registeringAnEmailTwiceIgnoringCaseReturns409() {
        var email = uniqueEmail();
        assertThat(register(email, PASSWORD, "First").status()).isEqualTo(201);

        register(email.toUpperCase(Locale.ROOT), PASSWORD, "Second").assertProblem(409, "email-already-registered");
    }

    @Test
    void ofConcurrentRegistrationsOfOneEmailInDifferentCaseExactlyOneSucceeds() throws Exception {
        var email = uniqueEmail();
        int threads = 6;
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < threads; i++) {
                var variant = i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT);
                results.add(pool.submit(() -> {
                    start.await();
                    return register(variant, PASSWORD, "Racer").status();
                }));
            }
            start.countDown();
            var statuses = new java.util.ArrayList<Integer>();
            for (var result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        }
    }

    @Test
    void passwordIsStoredOnlyAsABcryptHashOfCostTen() {
        var email = uniqueEmail();
        register(email, PASSWORD, "Hash Check");

        var hash = jdbc.sql("select password_hash from users where email = :email")
                .param("email", email)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$2a$10$").hasSize(60).doesNotContain(PASSWORD);
        assertThat(new BCryptPasswordEncoder().matches(PasswordHasher.prehash(PASSWORD), hash))
                .isTrue();
    }

    @Test
    void aCommonPasswordIsRejectedWith400OnThePasswordField() {
        var response = register(uniqueEmail(), "Password123", "Weak").assertProblem(400, "invalid-request");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void aPasswordShorterThanEightCharactersIsRejected() {
        register(uniqueEmail(), "k7#Qz!x", "Short").assertProblem(400, "invalid-request");
    }

    @Test
    void aPasswordLongerThan128CharactersIsRejectedAnd128IsAccepted() {
        register(uniqueEmail(), "x".repeat(100) + "y".repeat(29), "Long").assertProblem(400, "invalid-request");
        assertThat(register(uniqueEmail(), "x".repeat(100) + "é".repeat(28), "Long")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anInvalidEmailIsRejectedWithAFieldError() {
        var response = register("not-an-email", PASSWORD, "Bad Email").assertProblem(400, "validation-failed");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void anOverlongEmailIsRejected() {
        register("a".repeat(250) + "@example.com", PASSWORD, "Long Email").assertProblem(400, "validation-failed");
    }

    @Test
    void aBlankOrOverlongFullNameIsRejected() {
        register(uniqueEmail(), PASSWORD, "   ").assertProblem(400, "validation-failed");
        register(uniqueEmail(), PASSWORD, "n".repeat(201)).assertProblem(400, "validation-failed");
    }

    @Test
    void aFullNameOfOnlyUnicodeSpacesIsRejectedOnTheFullNameField() {
        var response = register(uniqueEmail(), PASSWORD, "\u2003\u00a0\u3000").assertProblem(400, "invalid-request");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("fullName");
    }

    @Test
    void controlCharactersInTheFullNameOrEmailAreRejected() {
        var name = register(uniqueEmail(), PASSWORD, "a\u0007b").assertProblem(400, "invalid-request");
        assertThat(name.body().get("errors").get(0).get("field").asString()).isEqualTo("fullName");
        register(uniqueEmail(), PASSWORD, "Anna\nPetrova").assertProblem(400, "invalid-request");

        var email = register("a\u0085b@example.com", PASSWORD, "Anna").assertProblem(400, "invalid-request");
        assertThat(email.body().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void theFullNameIsStoredWithoutSurroundingUnicodeBlanks() {
        assertThat(register(uniqueEmail(), PASSWORD, "\u2003Anna Petrova\u00a0").text("fullName"))
                .isEqualTo("Anna Petrova");
    }

    @Test
    void theEleventhRegistrationFromOneAddressWithinAMinuteIsAnswered429WithRetryAfter() {
        // Failed registrations count too: a 409 tells whether an email exists, and each attempt costs a hash.
        for (int i = 0; i < 10; i++) {
            assertThat(register(i % 2 == 0 ? uniqueEmail() : ROOT_EMAIL, PASSWORD, "Rate " + i)
                            .status())
                    .isIn(201, 409);
        }

        var limited = register(uniqueEmail(), PASSWORD, "Rate").assertProblem(429, "rate-limited");

        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        var otherAddress = send(request("/api/v1/auth/register")
                .setHeader("X-Forwarded-For", "198.19.2.1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("email", uniqueEmail(), "password", PASSWORD, "fullName", "Other")))));
        assertThat(otherAddress.status()).isEqualTo(201);
    }

    @Test
    void missingFieldsAreRejected() {
        var response = postJson("/api/v1/auth/register", "{}", null).assertProblem(400, "validation-failed");
        assertThat(response.body().get("errors")).hasSize(3);
    }

    @Test
    void anUnknownFieldIsRejected() {
        postJson(
                        "/api/v1/auth/register",
                        "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD
                                + "\",\"fullName\":\"X\",\"roles\":[\"ADMIN\"]}",
                        null)
                .assertProblem(400, "malformed-body");
    }

    @Test
    void malformedJsonIsRejected() {
        postJson("/api/v1/auth/register", "{\"email\": ", null).assertProblem(400, "malformed-body");
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        postJson(
                        "/api/v1/auth/register",
                        "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD
                                + "\",\"fullName\":{\"a\":1}}",
                        null)
                .assertProblem(400, "malformed-body");
    }

    @Test
    void aBodyThatIsNotJsonIsAnswered415() {
        send(request("/api/v1/auth/register")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello")))
                .assertProblem(415, "unsupported-media-type");
    }

    @Test
    void anOversizedBodyIsAnswered413() {
        var huge = "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\",\"fullName\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}";
        postJson("/api/v1/auth/register", huge, null).assertProblem(413, "payload-too-large");
    }

    @Test
    void injectionAndScriptStringsInTheFullNameAreStoredAndReturnedVerbatim() {
        var email = uniqueEmail();
        var name = "Robert'); DROP TABLE users;-- <script>alert(\"x\")</script> \\ ${7*7}";
        var response = register(email, PASSWORD, name);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("fullName")).isEqualTo(name);
        // Returned as one JSON string value, its quotes and backslash escaped.
        assertThat(response.raw().body()).contains("\"fullName\":" + JSON.writeValueAsString(name));
        var stored = jdbc.sql("select email, full_name from users where id = :id")
                .param("id", java.util.UUID.fromString(response.text("id")))
                .query((rs, i) -> List.of(rs.getString("email"), rs.getString("full_name")))
                .single();
        assertThat(stored).containsExactly(email, name);
    }
}
