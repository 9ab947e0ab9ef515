package io.polyclinic.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");
    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B =
            Base64.getUrlEncoder().encodeToString("b".repeat(40).getBytes());

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
    void aKeyedLinkDependsOnTheKeyAndDiffersFromThePlainSha256Link() {
        var keys = ChainKeys.of(KEY_A, List.of());
        var other = ChainKeys.of(KEY_B, List.of());
        var record = record("42", "{\"a\":1}", "r");

        var keyed = HashChain.keyedLink(keys, keys.currentId(), HashChain.GENESIS, 1, AT, record);

        assertThat(keyed)
                .hasSize(32)
                .isEqualTo(HashChain.keyedLink(keys, keys.currentId(), HashChain.GENESIS, 1, AT, record));
        assertThat(keyed).isNotEqualTo(HashChain.link(HashChain.GENESIS, 1, AT, record));
        assertThat(keyed).isNotEqualTo(HashChain.keyedLink(other, other.currentId(), HashChain.GENESIS, 1, AT, record));
    }

    @Test
    void aRotatedRingLinksWithTheNewKeyAndStillVerifiesWithTheOldOne() {
        var before = ChainKeys.of(KEY_A, List.of());
        var after = ChainKeys.of(KEY_B, List.of(KEY_A));
        var record = record("42", null, "r");
        var oldLink = HashChain.keyedLink(before, before.currentId(), HashChain.GENESIS, 1, AT, record);

        assertThat(after.currentId()).isNotEqualTo(before.currentId());
        assertThat(after.knows(before.currentId())).isTrue();
        assertThat(HashChain.keyedLink(after, before.currentId(), HashChain.GENESIS, 1, AT, record))
                .isEqualTo(oldLink);
    }

    @Test
    void theKeyRingRefusesAMissingOrShortKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> ChainKeys.of(null, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polyclinic.audit.chain.key")
                .hasMessageContaining("POLYCLINIC_AUDIT_CHAIN_KEY");
        assertThatThrownBy(() -> ChainKeys.of(" ", List.of())).isInstanceOf(IllegalStateException.class);
        var shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> ChainKeys.of(shortKey, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> ChainKeys.of(KEY_A, List.of("not base64!")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("previous-keys[0]");
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
