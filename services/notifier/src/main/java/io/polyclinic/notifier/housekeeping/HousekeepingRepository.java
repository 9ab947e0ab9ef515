package io.polyclinic.notifier.housekeeping;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Deletes what the notifier no longer needs: old processed-event ids, finished emails, past appointments. */
@Repository
public class HousekeepingRepository {

    private final JdbcClient jdbc;

    public HousekeepingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Processed-event ids recorded before {@code cutoff}; returns how many. */
    public int deleteProcessedEventsBefore(Instant cutoff) {
        return jdbc.sql("delete from processed_event where processed_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    /** SENT and FAILED emails created before {@code cutoff} (PENDING ones stay); returns how many. */
    public int deleteFinishedEmailsBefore(Instant cutoff) {
        return jdbc.sql("delete from email where status <> 'PENDING' and created_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    /** Appointments that ended before {@code cutoff}; returns how many. */
    public int deleteAppointmentsEndedBefore(Instant cutoff) {
        return jdbc.sql("delete from appointment where end_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }
}
