package io.polyclinic.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.mail.EmbeddedSmtpServer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the notifier's Spring tests: ONE shared context (same annotations everywhere, so Spring caches it) on a
 * fresh embedded PostgreSQL database, a real KRaft Kafka broker, a real AMQP 0-9-1 broker (Qpid Broker-J) and a real
 * SMTP server (GreenMail). Every test writes to its own recipient addresses, so tests do not see each other's mail.
 * Retries are fast here; the scheduled reminder job runs only when a test calls it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "polyclinic.notifier.delivery.poll-interval=200ms",
            "polyclinic.notifier.delivery.initial-backoff=200ms",
            "polyclinic.notifier.delivery.max-backoff=1s",
            "polyclinic.notifier.reminder.poll-interval=1h",
            "polyclinic.notifier.events.retry-interval=100ms",
            "polyclinic.notifier.events.retry-attempts=2",
            "polyclinic.notifier.jobs.retry-attempts=2",
            "polyclinic.notifier.outage-retry.initial-backoff=100ms",
            "polyclinic.notifier.outage-retry.max-backoff=500ms"
        })
@ContextConfiguration(
        initializers = {
            EmbeddedPostgresInitializer.class,
            TestJwtIssuer.Initializer.class,
            NotifierInfrastructureInitializer.class
        })
public abstract class NotifierTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    protected JdbcClient jdbc;

    protected final EmbeddedSmtpServer smtp = EmbeddedSmtpServer.shared();

    /** A fresh recipient address no other test uses. */
    protected static String newRecipient() {
        return "p-" + Ids.newId() + "@patients.test";
    }

    /** A whole hour some hours ahead. */
    protected static Instant hoursAhead(long hours) {
        return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(hours, ChronoUnit.HOURS);
    }

    /** The messages received for this recipient so far. */
    protected List<MimeMessage> mailTo(String recipient) {
        return smtp.receivedMessages().stream()
                .filter(message -> recipients(message).contains(recipient))
                .toList();
    }

    /** Waits until at least {@code count} messages for the recipient arrived, and returns them all. */
    protected List<MimeMessage> awaitMailTo(String recipient, int count) {
        Awaitility.await().atMost(WAIT).until(() -> mailTo(recipient).size() >= count);
        return mailTo(recipient);
    }

    /** Asserts that nothing arrives for the recipient for a while (used only after a later email has arrived). */
    protected void assertNoMoreMailTo(String recipient, int expected) {
        assertThat(mailTo(recipient)).hasSize(expected);
    }

    protected static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null
                    ? List.of()
                    : Arrays.stream(to).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static UUID id() {
        return Ids.newId();
    }
}
