package io.polyclinic.analytics.processor;

import io.polyclinic.analytics.event.EventStore;
import io.polyclinic.analytics.rollup.RollupService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the event storage in shape (decision 0048): day partitions exist for the whole retention window and
 * {@code days-ahead} days beyond today; partitions older than the retention are dropped whole, and so are the
 * sessions and visitor marks of that time. Rollups are never touched. Runs once before the processor starts
 * consuming, then every {@code maintenance-interval}.
 */
public class StorageMaintenanceService {

    private static final Logger log = LoggerFactory.getLogger(StorageMaintenanceService.class);

    private final EventStore store;
    private final SessionRepository sessions;
    private final RollupService rollups;
    private final Clock clock;
    private final int retentionDays;
    private final int daysAhead;

    public StorageMaintenanceService(
            EventStore store,
            SessionRepository sessions,
            RollupService rollups,
            Clock clock,
            int retentionDays,
            int daysAhead) {
        this.store = store;
        this.sessions = sessions;
        this.rollups = rollups;
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.daysAhead = daysAhead;
    }

    /** Creates the missing partitions and drops what is past the retention. */
    @Scheduled(
            initialDelayString = "${polyclinic.analytics.storage.maintenance-interval:1h}",
            fixedDelayString = "${polyclinic.analytics.storage.maintenance-interval:1h}")
    public void maintain() {
        var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var oldestKept = today.minusDays(retentionDays - 1L);
        store.ensurePartitions(oldestKept, today.plusDays(daysAhead));
        int dropped = store.dropBefore(oldestKept);
        var cutoff = oldestKept.atStartOfDay().toInstant(ZoneOffset.UTC);
        int deletedSessions = sessions.deleteBefore(cutoff);
        // Visitor marks are in local time; a day's margin covers every zone's offset.
        int pruned = rollups.pruneVisitorMarks(oldestKept.minusDays(1).atStartOfDay());
        if (dropped > 0 || deletedSessions > 0 || pruned > 0) {
            log.info(
                    "Retention of {} days: dropped {} event partitions, {} sessions, {} visitor marks before {}",
                    retentionDays,
                    dropped,
                    deletedSessions,
                    pruned,
                    oldestKept);
        }
    }
}
