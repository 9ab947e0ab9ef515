package io.polyclinic.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.contracts.audit.v1.RecordRequest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditRecordApiTest extends AuditApiTest {

    @Test
    void adminsPageThroughRecordsNewestFirstWithEveryFilter() {
        var entity = uniqueEntity();
        var actor = UUID.randomUUID().toString();
        var base = Instant.parse("2026-03-01T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            blocking()
                    .record(RecordRequest.newBuilder()
                            .setRecord(record(entity)
                                    .setActorId(actor)
                                    .setAction(i % 2 == 0 ? "SLOT_BLOCKED" : "SLOT_UNBLOCKED")
                                    .setEntityType("slot")
                                    .setOccurredAt(timestamp(base.plusSeconds(i * 60L))))
                            .build());
        }

        var all = get("/api/v1/audit/records?entityType=slot&entityId=" + entity + "&size=2", admin);
        assertThat(all.body().get("totalItems").asLong()).isEqualTo(5);
        assertThat(all.body().get("totalPages").asInt()).isEqualTo(3);
        var first = all.items().get(0);
        assertThat(first.get("occurredAt").asString()).isEqualTo("2026-03-01T08:04:00Z");
        assertThat(first.get("actorId").asString()).isEqualTo(actor);
        assertThat(first.get("details").isObject()).isTrue();
        assertThat(first.get("details").get("note").asString()).isEqualTo("ünïcode ✓");
        assertThat(first.get("hash").asString()).hasSize(64);
        assertThat(first.propertyNames())
                .contains("id", "seq", "recordedAt", "source", "action", "entityType", "requestId", "traceId", "ip");

        var blocked = get("/api/v1/audit/records?actor=" + actor + "&action=SLOT_BLOCKED", admin);
        assertThat(blocked.items().findValuesAsString("action"))
                .containsOnly("SLOT_BLOCKED")
                .hasSize(3);

        var window = get(
                "/api/v1/audit/records?entityId=" + entity
                        + "&from=2026-03-01T11:01:00%2B03:00&to=2026-03-01T08:03:00Z",
                admin);
        assertThat(window.items()).hasSize(2);

        var lastPage = get("/api/v1/audit/records?entityId=" + entity + "&size=2&page=2", admin);
        assertThat(lastPage.items()).hasSize(1);
        assertThat(lastPage.items().get(0).get("occurredAt").asString()).isEqualTo("2026-03-01T08:00:00Z");
    }

    @Test
    void badQueriesAreProblemDetailsNamingTheParameter() {
        var inverted = get("/api/v1/audit/records?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", admin)
                .isProblem(400, "invalid-request");
        assertThat(inverted.body().get("errors").get(0).get("field").asString()).isEqualTo("to");
        get("/api/v1/audit/records?size=101", admin).isProblem(400, "invalid-request");
        get("/api/v1/audit/records?page=-1", admin).isProblem(400, "invalid-request");
        var badActor = get("/api/v1/audit/records?actor=1%27%20or%201=1", admin).isProblem(400, "invalid-request");
        assertThat(badActor.body().get("detail").asString()).isEqualTo("actor must be a UUID.");
        get("/api/v1/audit/records?from=yesterday", admin).isProblem(400, "invalid-request");
        get("/api/v1/audit/records?action=" + "A".repeat(65), admin).isProblem(400, "invalid-request");
    }

    @Test
    void onlyAdminsReadTheAuditLog() {
        var patient = TestJwtIssuer.shared().token(Ids.newId(), "p@test", "PATIENT");
        var manager = TestJwtIssuer.shared().token(Ids.newId(), "m@test", "CLINIC_MANAGER");

        get("/api/v1/audit/records", null).isProblem(401, "unauthorized");
        get("/api/v1/audit/records", patient).isProblem(403, "forbidden");
        get("/api/v1/audit/records", manager).isProblem(403, "forbidden");
        post("/api/v1/audit/verifications", patient).isProblem(403, "forbidden");
        post("/api/v1/audit/verifications", null).isProblem(401, "unauthorized");
        get("/api/v1/audit/verifications/" + UUID.randomUUID(), manager).isProblem(403, "forbidden");
        assertThat(get("/api/v1/audit/records", admin).status()).isEqualTo(200);
    }
}
