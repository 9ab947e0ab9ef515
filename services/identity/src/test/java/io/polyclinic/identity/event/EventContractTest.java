package io.polyclinic.identity.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.schema.ContractSchemas;
import io.polyclinic.identity.IdentityApiTest;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract test of identity's events: every kind of change identity publishes is made through the API, and each
 * outbox payload, as identity wrote it, must conform to its type's JSON Schema in libs/contracts, read strictly (no
 * field the schema does not document).
 */
class EventContractTest extends IdentityApiTest {

    private static final ContractSchemas SCHEMAS = ContractSchemas.forProducers();

    private record Written(String type, String payload) {}

    @Test
    void everyEventIdentityWritesConformsToItsSchema() throws Exception {
        var email = uniqueEmail();
        var first = registerAndLogin(email);
        var userId = UUID.fromString(
                SignedJWT.parse(first.text("accessToken")).getJWTClaimsSet().getSubject());
        var second = login(email, PASSWORD);
        assertThat(post("/api/v1/auth/logout", second.text("accessToken")).status())
                .isEqualTo(204);
        var changed = putJson(
                "/api/v1/admin/users/" + userId + "/roles",
                "{\"roles\":[\"PATIENT\",\"CLINIC_MANAGER\"]}",
                rootToken());
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);

        var events = jdbc.sql(
                        "select type, payload::text from outbox where destination = ? and msg_key = ? order by id")
                .params(EventTypes.IDENTITY_TOPIC, userId.toString())
                .query((rs, n) -> new Written(rs.getString(1), rs.getString(2)))
                .list();

        assertThat(events)
                .extracting(Written::type)
                .containsExactly(
                        EventTypes.USER_REGISTERED,
                        EventTypes.SESSION_REVOKED,
                        EventTypes.USER_ROLES_CHANGED,
                        EventTypes.USER_TOKENS_REVOKED);
        var breaks = new ArrayList<String>();
        for (var event : events) {
            var document = JSON.readTree(event.payload());
            assertThat(document.get("type").asString()).isEqualTo(event.type());
            SCHEMAS.problems(event.type(), document).forEach(p -> breaks.add(event.type() + " " + p));
        }
        assertThat(breaks).isEmpty();
    }
}
