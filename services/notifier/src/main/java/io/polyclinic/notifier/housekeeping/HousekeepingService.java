package io.polyclinic.notifier.housekeeping;

import io.polyclinic.notifier.shared.NotifierProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps the notifier's tables small: after {@code retention} (default 30 days, far beyond Kafka's redelivery of an
 * event) processed-event ids, finished emails and past appointments are deleted. Runs hourly.
 */
@Service
public class HousekeepingService {

    private static final Logger log = LoggerFactory.getLogger(HousekeepingService.class);

    private final HousekeepingRepository repository;
    private final NotifierProperties properties;
    private final Clock clock;

    public HousekeepingService(HousekeepingRepository repository, NotifierProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes everything older than the retention; returns how many rows went. */
    public int deleteExpired() {
        var cutoff = clock.instant().minus(properties.retention());
        int deleted = repository.deleteProcessedEventsBefore(cutoff)
                + repository.deleteFinishedEmailsBefore(cutoff)
                + repository.deleteAppointmentsEndedBefore(cutoff);
        if (deleted > 0) {
            log.info("Housekeeping deleted {} rows older than {}", deleted, cutoff);
        }
        return deleted;
    }
}
