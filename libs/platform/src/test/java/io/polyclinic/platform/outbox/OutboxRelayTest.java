package io.polyclinic.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The outbox and its relay on a real PostgreSQL, with senders that record, fail or block. */
class OutboxRelayTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private JdbcClient jdbc;
    private DataSourceTransactionManager transactions;
    private OutboxRepository repository;
    private OutboxMetrics metrics;
    private SimpleMeterRegistry registry;
    private Outbox outbox;

    /** What a sender received, in order. */
    private final List<OutboxMessage> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void freshDatabase() throws IOException {
        var server = EmbeddedPostgresServer.shared();
        var url = server.createDatabaseIfMissing("outbox_" + DATABASES.incrementAndGet() + "_"
                + ProcessHandle.current().pid());
        var dataSource = new DriverManagerDataSource(url, server.username(), "");
        jdbc = JdbcClient.create(dataSource);
        try (var schema = Outbox.class.getResourceAsStream("outbox.sql")) {
            jdbc.sql(new String(schema.readAllBytes(), StandardCharsets.UTF_8)).update();
        }
        transactions = new DataSourceTransactionManager(dataSource);
        repository = new OutboxRepository(jdbc);
        registry = new SimpleMeterRegistry();
        metrics = new OutboxMetrics(registry, Clock.systemUTC());
        outbox = new Outbox(repository, JsonMapper.builder().build(), metrics, null);
    }

    private OutboxRelay relay(OutboxSender... senders) {
        return relay(Duration.ZERO, senders);
    }

    private OutboxRelay relay(Duration retryBackoff, OutboxSender... senders) {
        var properties = new OutboxProperties(
                true,
                Duration.ofMillis(200),
                100,
                retryBackoff,
                Duration.ofSeconds(30),
                Duration.ofDays(1),
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                Duration.ofMinutes(1));
        return new OutboxRelay(repository, List.of(senders), transactions, properties, metrics, Clock.systemUTC());
    }

    private OutboxSender recording(String destination) {
        return new OutboxSender() {
            @Override
            public boolean supports(String d) {
                return d.equals(destination);
            }

            @Override
            public void send(List<OutboxMessage> messages) {
                received.addAll(messages);
            }
        };
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }

    private long pending() {
        return jdbc.sql("select count(*) from outbox where published_at is null and dead_at is null")
                .query(Long.class)
                .single();
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append("booking.events", "k", "T", Map.of("a", 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pending()).isZero();
    }

    @Test
    void aRolledBackTransactionLeavesNothingToSend() {
        var transaction = new TransactionTemplate(transactions);
        transaction.executeWithoutResult(status -> {
            outbox.append("booking.events", "k", "T", Map.of("a", 1));
            status.setRollbackOnly();
        });

        relay(recording("booking.events")).relayOnce();

        assertThat(received).isEmpty();
        assertThat(pending()).isZero();
    }

    @Test
    void messagesAreSentInAppendOrderAsJsonAndMarkedPublished() {
        var ids = new ArrayList<UUID>();
        inTransaction(() -> {
            for (int i = 0; i < 5; i++) {
                ids.add(outbox.append("booking.events", "doctor-" + (i % 2), "T", Map.of("n", i)));
            }
        });

        relay(recording("booking.events")).relayOnce();

        assertThat(received).extracting(OutboxMessage::id).containsExactlyElementsOf(ids);
        assertThat(received.getFirst().payload()).isEqualTo("{\"n\": 0}");
        assertThat(received.getFirst().key()).isEqualTo("doctor-0");
        assertThat(pending()).isZero();
        assertThat(registry.get("polyclinic.outbox.published").counter().count())
                .isEqualTo(5);
        assertThat(registry.get("polyclinic.outbox.appended").counter().count()).isEqualTo(5);
    }

    @Test
    void aFailedSendPublishesNothingAndTheRetrySendsEverythingInTheSameOrder() {
        var ids = new ArrayList<UUID>();
        inTransaction(() -> {
            for (int i = 0; i < 3; i++) {
                ids.add(outbox.append("booking.events", "doctor-1", "T", Map.of("n", i)));
            }
        });
        var failures = new AtomicInteger(1);
        var flaky = new OutboxSender() {
            @Override
            public boolean supports(String destination) {
                return true;
            }

            @Override
            public void send(List<OutboxMessage> messages) throws Exception {
                if (failures.getAndDecrement() > 0) {
                    received.add(messages.getFirst());
                    throw new java.io.IOException("broker gone");
                }
                received.addAll(messages);
            }
        };
        var relay = relay(flaky);

        relay.relayOnce();

        assertThat(pending()).isEqualTo(3);
        assertThat(jdbc.sql("select last_error from outbox where id = ?")
                        .param(ids.getFirst())
                        .query(String.class)
                        .single())
                .contains("broker gone");
        assertThat(registry.get("polyclinic.outbox.send.failures").counter().count())
                .isEqualTo(1);

        relay.relayOnce();

        assertThat(pending()).isZero();
        assertThat(received)
                .extracting(OutboxMessage::id)
                .containsExactly(ids.get(0), ids.get(0), ids.get(1), ids.get(2));
        assertThat(jdbc.sql("select attempts from outbox where id = ?")
                        .param(ids.get(2))
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aFailingDestinationRestsForItsBackoff() {
        inTransaction(() -> outbox.append("booking.events", "k", "T", Map.of()));
        var attempts = new AtomicInteger();
        OutboxSender failing = new OutboxSender() {
            @Override
            public boolean supports(String destination) {
                return true;
            }

            @Override
            public void send(List<OutboxMessage> messages) throws Exception {
                attempts.incrementAndGet();
                throw new IllegalStateException("down");
            }
        };
        var relay = relay(Duration.ofHours(1), failing);

        relay.relayOnce();
        relay.relayOnce();

        assertThat(attempts).hasValue(1);
    }

    @Test
    void aDestinationWithoutSenderStaysPendingAndDoesNotHoldBackOthers() {
        inTransaction(() -> {
            outbox.append("audit", "user:1", "AuditRecord", Map.of("action", "X"));
            outbox.append("booking.events", "k", "T", Map.of());
        });

        relay(recording("booking.events")).relayOnce();

        assertThat(received).extracting(OutboxMessage::destination).containsExactly("booking.events");
        assertThat(pending()).isEqualTo(1);
    }

    @Test
    void aSecondRelayDoesNotSendADestinationTheFirstIsSending() throws Exception {
        inTransaction(() -> outbox.append("booking.events", "k", "T", Map.of()));
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slowSends = new AtomicInteger();
        OutboxSender slow = new OutboxSender() {
            @Override
            public boolean supports(String destination) {
                return true;
            }

            @Override
            public void send(List<OutboxMessage> messages) throws Exception {
                slowSends.incrementAndGet();
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        };
        var first = Thread.ofVirtual().start(() -> relay(slow).relayOnce());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        relay(recording("booking.events")).relayOnce();
        release.countDown();
        first.join(30_000);

        assertThat(received).isEmpty();
        assertThat(slowSends).hasValue(1);
        assertThat(pending()).isZero();
    }

    @Test
    void theSenderRunsWithNoTransactionOpenAndNoRowLocked() {
        inTransaction(() -> outbox.append("booking.events", "k", "T", Map.of()));
        var inTransaction = new java.util.concurrent.atomic.AtomicBoolean(true);
        var lockable = new AtomicInteger(-1);
        OutboxSender probing =
                new OutboxSender() {
                    @Override
                    public boolean supports(String destination) {
                        return true;
                    }

                    @Override
                    public void send(List<OutboxMessage> messages) {
                        inTransaction.set(org.springframework.transaction.support.TransactionSynchronizationManager
                                .isActualTransactionActive());
                        // Another session can lock the rows being sent: no transaction of the relay holds them.
                        lockable.set(new TransactionTemplate(transactions)
                                .execute(status -> jdbc.sql("select id from outbox for update skip locked")
                                        .query(UUID.class)
                                        .list()
                                        .size()));
                        received.addAll(messages);
                    }
                };

        relay(probing).relayOnce();

        assertThat(inTransaction).isFalse();
        assertThat(lockable).hasValue(1);
        assertThat(pending()).isZero();
    }

    @Test
    void aMessageTheDestinationRefusesForGoodIsMarkedDeadAndTheOthersArePublished() {
        var ids = new ArrayList<UUID>();
        inTransaction(() -> {
            for (int i = 0; i < 3; i++) {
                ids.add(outbox.append("booking.events", "doctor-1", "T", Map.of("n", i)));
            }
        });
        OutboxSender refusing = new OutboxSender() {
            @Override
            public boolean supports(String destination) {
                return true;
            }

            @Override
            public void send(List<OutboxMessage> messages) throws Exception {
                received.addAll(messages);
                throw new RejectedMessagesException(Map.of(ids.get(1), "RecordTooLargeException: too big"), null);
            }
        };

        relay(refusing).relayOnce();

        assertThat(pending()).isZero();
        assertThat(jdbc.sql("select dead_reason from outbox where dead_at is not null")
                        .query(String.class)
                        .list())
                .containsExactly("RecordTooLargeException: too big");
        assertThat(jdbc.sql("select count(*) from outbox where published_at is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(registry.get("polyclinic.outbox.dead").counter().count()).isEqualTo(1);
        assertThat(registry.find("polyclinic.outbox.send.failures").counter()).isNull();
    }

    @Test
    void aClaimWhoseRelayStoppedMidSendIsTakenOverOnceItsLeaseRanOut() {
        inTransaction(() -> outbox.append("booking.events", "k", "T", Map.of()));
        jdbc.sql("update outbox set claimed_until = now() + interval '1 hour'").update();

        relay(recording("booking.events")).relayOnce();
        assertThat(received).isEmpty();

        jdbc.sql("update outbox set claimed_until = now() - interval '1 second'")
                .update();
        relay(recording("booking.events")).relayOnce();
        assertThat(received).hasSize(1);
        assertThat(pending()).isZero();
    }

    @Test
    void pruningDeletesOnlyPublishedRowsOlderThanTheRetention() {
        inTransaction(() -> {
            outbox.append("booking.events", "old", "T", Map.of());
            outbox.append("booking.events", "recent", "T", Map.of());
            outbox.append("audit", "pending", "AuditRecord", Map.of());
        });
        jdbc.sql("update outbox set published_at = now() - interval '2 days' where msg_key = 'old'")
                .update();
        jdbc.sql("update outbox set published_at = now() - interval '1 hour' where msg_key = 'recent'")
                .update();

        assertThat(relay().prune()).isEqualTo(1);

        assertThat(jdbc.sql("select msg_key from outbox order by msg_key")
                        .query(String.class)
                        .list())
                .containsExactly("pending", "recent");
    }

    @Test
    void theGaugesShowPendingRowsAndTheAgeOfTheOldest() {
        inTransaction(() -> outbox.append("audit", "k", "AuditRecord", Map.of()));
        jdbc.sql("update outbox set created_at = now() - interval '90 seconds'").update();

        relay().refreshStats();

        assertThat(registry.get("polyclinic.outbox.pending").gauge().value()).isEqualTo(1);
        assertThat(registry.get("polyclinic.outbox.lag").gauge().value()).isGreaterThanOrEqualTo(90);
    }
}
