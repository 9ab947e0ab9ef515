package io.polyclinic.notifier.event;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code processed_event} table: ids of the booking events already handled. */
@Repository
public class ProcessedEventRepository {

    private final JdbcClient jdbc;

    public ProcessedEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the event as handled, in the caller's transaction.
     *
     * @return {@code false} when it was handled before (a redelivery)
     */
    public boolean markProcessed(UUID eventId, String type) {
        return jdbc.sql("insert into processed_event (event_id, event_type) values (?, ?) on conflict do nothing")
                        .params(eventId, type)
                        .update()
                == 1;
    }
}
