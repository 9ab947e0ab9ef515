package io.polyclinic.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.audit.AuditApiTest;
import io.polyclinic.audit.record.AuditLogService;
import io.polyclinic.audit.record.AuditRecord;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Verification as a background job over the REST API: start, progress, one job at a time, outcome. */
class ChainVerificationJobTest extends AuditApiTest {

    @Autowired
    AuditLogService auditLog;

    @Autowired
    DataSource dataSource;

    @Test
    void aJobOverFiftyThousandRecordsReportsItsProgressAndASecondStartReturnsTheRunningJob() throws Exception {
        var entity = uniqueEntity();
        for (int batch = 0; batch < 50; batch++) {
            auditLog.append(IntStream.range(0, 1000)
                    .mapToObj(i -> AuditRecord.of(
                            Ids.newId(),
                            Instant.now(),
                            "booking",
                            null,
                            "SLOT_CREATED",
                            "slot",
                            entity,
                            "{\"n\":" + i + "}",
                            null,
                            null,
                            null))
                    .toList());
        }

        JsonJob first;
        try (var connection = dataSource.getConnection()) {
            // Holds the walk before its first read, so the running job is observed for certain.
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("lock table audit_records in access exclusive mode");
            }
            var started = post("/api/v1/audit/verifications", admin);
            assertThat(started.status()).isEqualTo(202);
            first = new JsonJob(started.body());
            assertThat(started.raw().headers().firstValue("Location"))
                    .hasValue("/api/v1/audit/verifications/" + first.id());
            assertThat(first.status()).isEqualTo("RUNNING");
            assertThat(first.checked()).isZero();
            assertThat(first.total()).isGreaterThanOrEqualTo(50_000);
            assertThat(started.body().get("startedAt").isNull()).isFalse();
            assertThat(started.body().get("finishedAt").isNull()).isTrue();

            var again = post("/api/v1/audit/verifications", admin);
            assertThat(again.status()).isEqualTo(202);
            assertThat(new JsonJob(again.body()).id()).isEqualTo(first.id());
            assertThat(new JsonJob(get("/api/v1/audit/verifications/" + first.id(), admin)
                                    .body())
                            .status())
                    .isEqualTo("RUNNING");
            connection.rollback();
        }

        var observed = new ArrayList<Long>();
        JsonJob last;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do {
            last = new JsonJob(
                    get("/api/v1/audit/verifications/" + first.id(), admin).body());
            observed.add(last.checked());
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        } while (last.status().equals("RUNNING"));

        assertThat(last.status()).isEqualTo("VALID");
        assertThat(last.checked()).isEqualTo(last.total()).isEqualTo(first.total());
        assertThat(observed).isSorted().allSatisfy(n -> assertThat(n).isBetween(0L, first.total()));
        var next = post("/api/v1/audit/verifications", admin);
        assertThat(new JsonJob(next.body()).id()).isNotEqualTo(first.id());
        awaitVerification(next.body().get("id").asString());
    }

    @Test
    void anUnknownJobIsNotFoundAndAMalformedIdIsABadRequest() {
        get("/api/v1/audit/verifications/" + UUID.randomUUID(), admin).isProblem(404, "not-found");
        get("/api/v1/audit/verifications/not-a-uuid", admin).isProblem(400, null);
    }

    /** The fields of a job body the test compares. */
    private record JsonJob(String id, String status, long checked, long total) {
        JsonJob(tools.jackson.databind.JsonNode body) {
            this(
                    body.get("id").asString(),
                    body.get("status").asString(),
                    body.get("checkedRecords").asLong(),
                    body.get("totalRecords").asLong());
        }
    }
}
