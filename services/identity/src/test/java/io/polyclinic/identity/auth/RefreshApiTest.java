package io.polyclinic.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.identity.IdentityApiTest;
import io.polyclinic.identity.token.RefreshTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RefreshApiTest extends IdentityApiTest {

    @Test
    void refreshAnswersANewPairAndTheOldRefreshTokenStopsWorking() throws Exception {
        var first = registerAndLogin(uniqueEmail());
        var oldRefresh = first.text("refreshToken");

        var second = refresh(oldRefresh);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("tokenType")).isEqualTo("Bearer");
        assertThat(second.body().get("expiresIn").asLong()).isEqualTo(900);
        assertThat(second.text("refreshToken")).isNotEqualTo(oldRefresh);
        assertThat(second.text("accessToken")).isNotEqualTo(first.text("accessToken"));
        var sidBefore =
                SignedJWT.parse(first.text("accessToken")).getJWTClaimsSet().getStringClaim("sid");
        var sidAfter =
                SignedJWT.parse(second.text("accessToken")).getJWTClaimsSet().getStringClaim("sid");
        assertThat(sidAfter).isEqualTo(sidBefore);

        var third = refresh(second.text("refreshToken"));
        assertThat(third.status()).isEqualTo(200);
    }

    @Test
    void aSessionOlderThanItsAbsoluteLifetimeCannotBeRefreshedEvenWithAFreshRefreshToken() {
        var login = registerAndLogin(uniqueEmail());
        var fresh = refresh(login.text("refreshToken"));
        assertThat(fresh.status()).isEqualTo(200);
        // The login was 30 days and a minute ago (the default absolute lifetime is 30 days); the refresh token
        // itself was issued a moment ago and is far from its own expiry.
        backdateSessionOf(fresh.text("refreshToken"), "30 days 1 minute");

        refresh(fresh.text("refreshToken")).assertProblem(401, "invalid-refresh-token");
    }

    @Test
    void aRefreshNearTheAbsoluteEndIssuesARefreshTokenThatExpiresWithTheSession() {
        var login = registerAndLogin(uniqueEmail());
        backdateSessionOf(login.text("refreshToken"), "29 days 23 hours");

        var refreshed = refresh(login.text("refreshToken"));

        assertThat(refreshed.status()).isEqualTo(200);
        var expiry = jdbc.sql("""
                        select t.expires_at <= s.created_at + interval '30 days' as capped,
                               t.expires_at < now() + interval '2 hours' as soon,
                               s.expires_at = t.expires_at as session_ends_with_it
                        from refresh_tokens t join sessions s on s.id = t.session_id
                        where t.token_hash = :hash
                        """)
                .param("hash", RefreshTokens.hash(refreshed.text("refreshToken")))
                .query((rs, i) ->
                        List.of(rs.getBoolean("capped"), rs.getBoolean("soon"), rs.getBoolean("session_ends_with_it")))
                .single();
        assertThat(expiry).containsExactly(true, true, true);
    }

    /** Moves the login of the refresh token's session back by a PostgreSQL interval. */
    private void backdateSessionOf(String refreshToken, String interval) {
        var updated = jdbc.sql("""
                        update sessions set created_at = created_at - cast(:interval as interval)
                        where id = (select session_id from refresh_tokens where token_hash = :hash)
                        """)
                .param("interval", interval)
                .param("hash", RefreshTokens.hash(refreshToken))
                .update();
        assertThat(updated).isEqualTo(1);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeSession() {
        var login = registerAndLogin(uniqueEmail());
        var stolen = login.text("refreshToken");
        var legitimate = refresh(stolen);
        assertThat(legitimate.status()).isEqualTo(200);

        refresh(stolen).assertProblem(401, "invalid-refresh-token");

        // The newest token of the family dies too.
        refresh(legitimate.text("refreshToken")).assertProblem(401, "invalid-refresh-token");
        var reason = jdbc.sql(
                        "select s.revoked_reason from sessions s join refresh_tokens t on t.session_id = s.id where t.token_hash = :h")
                .param("h", RefreshTokens.hash(stolen))
                .query(String.class)
                .single();
        assertThat(reason).isEqualTo("REFRESH_TOKEN_REUSE");
    }

    @Test
    void ofManyConcurrentRefreshesOfOneTokenExactlyOneSucceedsAndTheLosersReuseRevokesTheSession() throws Exception {
        var token = registerAndLogin(uniqueEmail()).text("refreshToken");
        int threads = 8;
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var results = new ArrayList<Future<Response>>();
            for (int i = 0; i < threads; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return refresh(token);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            var winners = new ArrayList<Response>();
            int unauthorized = 0;
            for (var result : results) {
                var response = result.get();
                if (response.status() == 200) {
                    winners.add(response);
                } else if (response.status() == 401) {
                    unauthorized++;
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(unauthorized).isEqualTo(threads - 1);
            // Each loser presented an already rotated token: reuse, so the whole session is revoked.
            refresh(winners.getFirst().text("refreshToken")).assertProblem(401, "invalid-refresh-token");
        }
    }

    @Test
    void refreshTokensAreStoredOnlyAsSha256Hashes() {
        var email = uniqueEmail();
        var token = registerAndLogin(email).text("refreshToken");

        var hashes = jdbc.sql("""
                        select t.token_hash from refresh_tokens t
                        join sessions s on s.id = t.session_id join users u on u.id = s.user_id
                        where u.email = :email
                        """).param("email", email).query(String.class).list();
        assertThat(hashes).containsExactly(RefreshTokens.hash(token));
        var anyColumnHoldsTheToken = jdbc.sql("select count(*) from refresh_tokens r where r::text like :t")
                .param("t", "%" + token + "%")
                .query(Long.class)
                .single();
        assertThat(anyColumnHoldsTheToken).isZero();
    }

    @Test
    void anUnknownRefreshTokenIsAnswered401() {
        refresh(RefreshTokens.generate()).assertProblem(401, "invalid-refresh-token");
    }

    @Test
    void anExpiredRefreshTokenIsAnswered401() {
        var token = registerAndLogin(uniqueEmail()).text("refreshToken");
        jdbc.sql(
                        "update refresh_tokens set issued_at = now() - interval '31 days', expires_at = now() - interval '1 day'"
                                + " where token_hash = :h")
                .param("h", RefreshTokens.hash(token))
                .update();

        refresh(token).assertProblem(401, "invalid-refresh-token");
    }

    @Test
    void aBlankRefreshTokenIsAnswered400() {
        postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"\"}", null).assertProblem(400, "validation-failed");
        postJson("/api/v1/auth/refresh", "{\"refreshToken\":[\"a\"]}", null).assertProblem(400, "malformed-body");
    }
}
