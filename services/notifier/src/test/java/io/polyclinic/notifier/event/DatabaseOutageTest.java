package io.polyclinic.notifier.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.notifier.NotifierTest;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.net.TcpProxy;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifier's database goes away for far longer than the old give-up window (here 2 retries 100 ms apart) while
 * booking events and email jobs wait: nothing is dead-lettered, and once the database is back every booking and every
 * job gets exactly one email. The database is reached through a TCP proxy the test cuts and restores; this context
 * reads topics and a queue of its own, so the other tests' messages never reach it.
 */
@ContextConfiguration(initializers = DatabaseOutageTest.ThroughProxy.class)
@TestPropertySource(
        properties = {
            "spring.kafka.consumer.group-id=notifier-outage-test",
            "polyclinic.notifier.events.topic=" + DatabaseOutageTest.TOPIC,
            "polyclinic.notifier.events.dead-letter-topic=" + DatabaseOutageTest.DEAD_LETTER_TOPIC,
            "polyclinic.notifier.jobs.queue=" + DatabaseOutageTest.QUEUE,
            "polyclinic.notifier.jobs.dead-letter-exchange=" + DatabaseOutageTest.QUEUE + ".dlx",
            "polyclinic.notifier.jobs.dead-letter-queue=" + DatabaseOutageTest.DEAD_LETTER_QUEUE,
            "polyclinic.notifier.outage-retry.initial-backoff=100ms",
            "polyclinic.notifier.outage-retry.max-backoff=500ms",
            "spring.datasource.hikari.connection-timeout=1000",
            "spring.datasource.hikari.data-source-properties.connectTimeout=1"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTest extends NotifierTest {

    static final String TOPIC = "booking.events.outage-test";
    static final String DEAD_LETTER_TOPIC = "booking.events.outage-test.dlt";
    static final String QUEUE = "notifications.email.outage-test";
    static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";

    /** Between the notifier and the embedded PostgreSQL. */
    static final TcpProxy DATABASE = TcpProxy.to(EmbeddedPostgresServer.shared().port());

    /**
     * Points the context's connection pool at the proxy: its JDBC URL is the test database's URL (set by
     * {@code EmbeddedPostgresInitializer}, which may run after this) with the proxy's port.
     */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            EmbeddedKafkaServer.shared().createTopics(List.of(TOPIC, DEAD_LETTER_TOPIC), 1);
            var environment = context.getEnvironment();
            environment.getPropertySources().addLast(new EnumerablePropertySource<>("databaseThroughProxy", DATABASE) {
                @Override
                public String[] getPropertyNames() {
                    return new String[] {"spring.datasource.hikari.jdbc-url"};
                }

                @Override
                public Object getProperty(String name) {
                    if (!"spring.datasource.hikari.jdbc-url".equals(name)) {
                        return null;
                    }
                    var url = environment.getProperty("spring.datasource.url");
                    return url == null
                            ? null
                            : url.replace(
                                    ":" + EmbeddedPostgresServer.shared().port() + "/", ":" + DATABASE.port() + "/");
                }
            });
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Test
    void eventsAndJobsThatArriveWhileTheDatabaseIsDownEachGetExactlyOneEmailOnceItIsBack() throws Exception {
        var appointments = new ArrayList<BookingEvents.Appointment>();
        var jobRecipient = newRecipient();
        DATABASE.cut();
        try {
            for (int i = 0; i < 3; i++) {
                var appointment = BookingEvents.Appointment.of(newRecipient(), "en", hoursAhead(72 + i));
                appointments.add(appointment);
                BookingEvents.sendTo(
                        TOPIC,
                        appointment.doctorId().toString(),
                        BookingEvents.envelope(id(), "AppointmentBooked", appointment, Map.of()));
            }
            publishJob(jobRecipient);
            // Far longer than the old window of 2 retries 100 ms apart, after which the events were dead-lettered.
            Thread.sleep(Duration.ofSeconds(4));
            for (var appointment : appointments) {
                assertThat(mailTo(appointment.patientEmail())).isEmpty();
            }
        } finally {
            DATABASE.restore();
        }

        for (var appointment : appointments) {
            assertThat(awaitMailTo(appointment.patientEmail(), 1)).hasSize(1);
        }
        assertThat(awaitMailTo(jobRecipient, 1)).hasSize(1);
        // Nothing went to the dead letters, and no email was sent twice.
        for (var appointment : appointments) {
            assertThat(BookingEvents.recordsWithKey(
                            DEAD_LETTER_TOPIC, appointment.doctorId().toString(), 1, Duration.ofSeconds(2)))
                    .isEmpty();
        }
        assertThat(rabbit.receive(DEAD_LETTER_QUEUE, 500)).isNull();
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .until(() -> jdbc.sql("select count(*) from email where status <> 'SENT'")
                                .query(Long.class)
                                .single()
                        == 0);
        for (var appointment : appointments) {
            assertNoMoreMailTo(appointment.patientEmail(), 1);
        }
        assertNoMoreMailTo(jobRecipient, 1);
    }

    private void publishJob(String to) {
        var body = JsonMapper.builder()
                .build()
                .writeValueAsString(Map.of("id", "outage-" + id(), "to", to, "subject", "Alert", "text", "Traffic"));
        var properties = new MessageProperties();
        properties.setContentType("application/json");
        rabbit.send("", QUEUE, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }
}
