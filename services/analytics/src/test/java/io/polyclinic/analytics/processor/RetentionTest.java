package io.polyclinic.analytics.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.analytics.AnalyticsTest;
import io.polyclinic.analytics.event.EventStore;
import io.polyclinic.analytics.event.StoredEvent;
import io.polyclinic.analytics.rollup.RollupDeltas;
import io.polyclinic.analytics.rollup.RollupService;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Raw events age out with their day partitions; rollups stay. */
class RetentionTest extends AnalyticsTest {

    @Autowired
    EventStore store;

    @Autowired
    RollupService rollups;

    @Autowired
    StorageMaintenanceService maintenance;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void partitionsPastTheRetentionAreDroppedAndTheirRollupsStay() throws Exception {
        var site = newSite("UTC");
        var siteId = UUID.fromString(site.get("id").asString());
        var old = LocalDate.now(ZoneOffset.UTC).minusDays(100);
        var at = old.atTime(12, 0).toInstant(ZoneOffset.UTC);
        store.ensurePartitions(old, old);
        transactions.executeWithoutResult(status -> {
            store.insertNew(List.of(new StoredEvent(
                    UUID.randomUUID(),
                    at,
                    siteId,
                    null,
                    "pageview",
                    "pageview",
                    "clinic.example",
                    "/old",
                    null,
                    "Direct / None",
                    null,
                    null,
                    null,
                    "unknown",
                    "Chrome",
                    "Linux",
                    "Desktop",
                    null,
                    42L,
                    UUID.randomUUID(),
                    null,
                    null,
                    null)));
            var deltas = new RollupDeltas();
            deltas.addEvent(siteId, ZoneOffset.UTC, at, true, 42L, Map.of("page", "/old"));
            rollups.apply(deltas);
        });
        var partition = "events_" + old.toString().replace("-", "");
        assertThat(exists(partition)).isTrue();

        maintenance.maintain();

        assertThat(exists(partition)).isFalse();
        assertThat(jdbc.sql("select count(*) from events where site_id = ?")
                        .param(siteId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(rollup(siteId.toString(), "day", old + " 00:00:00", "total", ""))
                .containsEntry("pageviews", 1L)
                .containsEntry("visitors", 1L);
        var today = "events_" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "");
        var ahead =
                "events_" + LocalDate.now(ZoneOffset.UTC).plusDays(3).toString().replace("-", "");
        assertThat(exists(today)).isTrue();
        assertThat(exists(ahead)).isTrue();
    }

    private boolean exists(String table) {
        return jdbc.sql("select to_regclass(?) is not null")
                .param(table)
                .query(Boolean.class)
                .single();
    }
}
