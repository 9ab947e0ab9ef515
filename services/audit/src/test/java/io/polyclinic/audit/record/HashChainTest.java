package io.polyclinic.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");

    private static AuditRecord record(String entityId, String details, String requestId) {
        return AuditRecord.of(
                UUID.fromString("019a0000-0000-7000-8000-000000000001"),
                AT,
                "booking",
                null,
                "APPOINTMENT_BOOKED",
                "appointment",
                entityId,
                details,
                requestId,
                null,
                null);
    }

    @Test
    void theSameRecordAtTheSamePositionAlwaysGivesTheSameLink() {
        var a = HashChain.link(HashChain.GENESIS, 1, AT, record("42", "{\"a\":1}", "r"));
        var b = HashChain.link(HashChain.GENESIS, 1, AT, record("42", "{\"a\":1}", "r"));

        assertThat(a).hasSize(32).isEqualTo(b);
    }

    @Test
    void everyFieldThePositionAndThePreviousLinkChangeTheLink() {
        var base = HashChain.link(HashChain.GENESIS, 1, AT, record("42", "{\"a\":1}", "r"));

        assertThat(HashChain.link(HashChain.GENESIS, 2, AT, record("42", "{\"a\":1}", "r")))
                .isNotEqualTo(base);
        assertThat(HashChain.link(base, 1, AT, record("42", "{\"a\":1}", "r"))).isNotEqualTo(base);
        assertThat(HashChain.link(HashChain.GENESIS, 1, AT.plusNanos(1000), record("42", "{\"a\":1}", "r")))
                .isNotEqualTo(base);
        assertThat(HashChain.link(HashChain.GENESIS, 1, AT, record("42", "{\"a\":2}", "r")))
                .isNotEqualTo(base);
    }

    @Test
    void valuesCannotImitateTheirNeighboursOrAnAbsentField() {
        // "4" + "2|r" and "42" + "|r" would collide in a plain concatenation.
        var shifted = HashChain.canonical(1, AT, record("4", "{\"a\":1}", "2|r"));
        var plain = HashChain.canonical(1, AT, record("42", "{\"a\":1}", "|r"));
        var absent = HashChain.canonical(1, AT, record("42", null, "r"));
        var literalTilde = HashChain.canonical(1, AT, record("42", null, "~"));

        assertThat(shifted).isNotEqualTo(plain);
        assertThat(absent).isNotEqualTo(literalTilde);
    }
}
