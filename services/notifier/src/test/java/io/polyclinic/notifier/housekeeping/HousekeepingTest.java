package io.polyclinic.notifier.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.notifier.NotifierTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HousekeepingTest extends NotifierTest {

    @Autowired
    HousekeepingService housekeeping;

    @Test
    void oldProcessedEventsAndFinishedEmailsGoAndPendingOnesStay() {
        var oldEvent = UUID.randomUUID();
        var recentEvent = UUID.randomUUID();
        jdbc.sql("insert into processed_event (event_id, event_type, processed_at) values"
                        + " (?, 'AppointmentBooked', now() - interval '31 days'), (?, 'AppointmentBooked', now())")
                .params(oldEvent, recentEvent)
                .update();
        var oldSent = UUID.randomUUID();
        var oldPending = UUID.randomUUID();
        for (var row : new Object[][] {{oldSent, "SENT"}, {oldPending, "PENDING"}}) {
            jdbc.sql("insert into email (id, channel, template, recipient, subject, text_body, status, created_at)"
                            + " values (?, 'JOB', 'job', 'a@b.test', 's', 't', ?, now() - interval '31 days')")
                    .params(row[0], row[1])
                    .update();
        }

        housekeeping.deleteExpired();

        assertThat(count("select count(*) from processed_event where event_id = ?", oldEvent))
                .isZero();
        assertThat(count("select count(*) from processed_event where event_id = ?", recentEvent))
                .isOne();
        assertThat(count("select count(*) from email where id = ?", oldSent)).isZero();
        assertThat(count("select count(*) from email where id = ?", oldPending)).isOne();
    }

    private int count(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(Integer.class).single();
    }
}
