package io.polyclinic.booking.appointment;

import io.polyclinic.booking.shared.BookingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks BOOKED appointments whose slot has ended COMPLETED, every {@code polyclinic.booking.completion.interval}, in
 * batches of {@code batch-size} (one transaction each, so a large backlog never holds one long transaction). Every
 * replica may run it: batches lock with {@code FOR UPDATE SKIP LOCKED} and only ever move BOOKED rows.
 */
@Component
@ConditionalOnProperty(name = "polyclinic.booking.completion.enabled", havingValue = "true", matchIfMissing = true)
public class AppointmentCompletionJob {

    private static final Logger log = LoggerFactory.getLogger(AppointmentCompletionJob.class);

    private final AppointmentService appointments;
    private final int batchSize;

    public AppointmentCompletionJob(AppointmentService appointments, BookingProperties properties) {
        this.appointments = appointments;
        this.batchSize = properties.completion().batchSize();
    }

    /**
     * Completes every appointment due now.
     *
     * @return how many appointments were completed
     */
    @Scheduled(
            fixedDelayString = "${polyclinic.booking.completion.interval:1m}",
            initialDelayString = "${polyclinic.booking.completion.interval:1m}")
    public int completeDue() {
        int total = 0;
        int done;
        do {
            done = appointments.completeEnded(batchSize).size();
            total += done;
        } while (done == batchSize);
        if (total > 0) {
            log.info("Completed {} appointments whose slot has ended", total);
        }
        return total;
    }
}
