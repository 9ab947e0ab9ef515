package io.polyclinic.notifier.deadletter;

import io.polyclinic.notifier.event.BookingEventService;
import io.polyclinic.notifier.retry.Failures;
import io.polyclinic.notifier.shared.NotifierProperties;
import io.polyclinic.platform.problem.ConflictException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Replays the dead letters after a fix (decision 0029), one replay at a time:
 *
 * <ul>
 *   <li>{@code booking.events.dlt}: every record dead-lettered up to now (its end offsets when the replay starts) is
 *       handled again by {@link BookingEventService}, from where the last replay stopped (consumer group
 *       {@code notifier-dlt-replay}, committed record by record). An event handled before sends nothing (its id is
 *       recorded); one that fails again is appended to the dead-letter topic anew; an outage stops the replay, and the
 *       rest waits for the next one;
 *   <li>{@code notifications.email.dlq}: the messages it holds when the replay starts are moved back to the work queue
 *       {@code notifications.email}, each in one AMQP transaction (taken off the dead-letter queue and published
 *       together), so none is lost or doubled by a failure halfway.
 * </ul>
 */
@Service
public class DeadLetterReplayService {

    /** The consumer group that remembers how far the dead-letter topic was replayed. */
    static final String REPLAY_GROUP = "notifier-dlt-replay";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayService.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);

    private final BookingEventService events;
    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> deadLetterKafkaTemplate;
    private final ConnectionFactory amqp;
    private final NotifierProperties properties;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public DeadLetterReplayService(
            BookingEventService events,
            ConsumerFactory<String, byte[]> consumers,
            @Qualifier("deadLetterKafkaTemplate") KafkaTemplate<String, byte[]> deadLetterKafkaTemplate,
            ConnectionFactory amqp,
            NotifierProperties properties) {
        this.events = events;
        this.consumers = consumers;
        this.deadLetterKafkaTemplate = deadLetterKafkaTemplate;
        this.amqp = amqp;
        this.properties = properties;
    }

    /**
     * Replays both dead-letter destinations and reports how many messages were replayed.
     *
     * @throws ConflictException when a replay is running already
     */
    public ReplayReport replay() {
        if (!oneAtATime.tryLock()) {
            throw new ConflictException(
                    "replay-running", "A replay is running", "The dead letters are being replayed right now.");
        }
        try {
            var report = new ReplayReport(replayEvents(), replayJobs());
            log.info("Replayed the dead letters: {}", report);
            return report;
        } finally {
            oneAtATime.unlock();
        }
    }

    private ReplayReport.Events replayEvents() {
        var topic = properties.events().deadLetterTopic();
        var overrides = new java.util.Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(REPLAY_GROUP, "replay", null, overrides)) {
            var partitions = consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            var end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            var committed = consumer.committed(Set.copyOf(partitions), KAFKA_TIMEOUT);
            for (var partition : partitions) {
                var offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            int replayed = 0;
            int deadAgain = 0;
            var deadline = Instant.now().plus(TIME_LIMIT);
            boolean outage = false;
            while (!outage && !reachedEnd(consumer, end) && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var partition = new TopicPartition(record.topic(), record.partition());
                    if (outage || record.offset() >= end.get(partition)) {
                        continue;
                    }
                    try {
                        events.handle(record.value());
                        replayed++;
                    } catch (RuntimeException e) {
                        if (Failures.isTransient(e)) {
                            log.warn("Replay of {} stopped by an outage: {}", topic, e.toString());
                            outage = true;
                            continue;
                        }
                        deadLetterAgain(record.key(), record.value(), record.headers(), topic);
                        deadAgain++;
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)), KAFKA_TIMEOUT);
                }
            }
            var done = consumer.committed(Set.copyOf(partitions), KAFKA_TIMEOUT);
            long left = 0;
            for (var partition : partitions) {
                var offset = done.get(partition);
                left += end.get(partition) - (offset == null ? 0 : Math.max(offset.offset(), 0));
            }
            return new ReplayReport.Events(replayed, deadAgain, Math.max(0, left));
        }
    }

    private static boolean reachedEnd(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), KAFKA_TIMEOUT) >= e.getValue());
    }

    private void deadLetterAgain(
            String key, byte[] value, org.apache.kafka.common.header.Headers headers, String topic) {
        try {
            deadLetterKafkaTemplate
                    .send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering a replayed event again", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not dead-letter a replayed event again", e);
        }
    }

    private ReplayReport.Jobs replayJobs() {
        var jobs = properties.jobs();
        var connection = amqp.createConnection();
        var channel = connection.createChannel(true);
        try {
            long waiting = channel.queueDeclarePassive(jobs.deadLetterQueue()).getMessageCount();
            int replayed = 0;
            var deadline = Instant.now().plus(TIME_LIMIT);
            while (replayed < waiting && Instant.now().isBefore(deadline)) {
                var message = channel.basicGet(jobs.deadLetterQueue(), false);
                if (message == null) {
                    break;
                }
                var headers = message.getProps().getHeaders() == null
                        ? new HashMap<String, Object>()
                        : new HashMap<>(message.getProps().getHeaders());
                // The old reason would mislead once the job is back on the work queue.
                headers.keySet().removeIf(name -> name.startsWith("x-exception-"));
                channel.basicPublish(
                        "",
                        jobs.queue(),
                        message.getProps().builder().headers(headers).build(),
                        message.getBody());
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                channel.txCommit();
                replayed++;
            }
            return new ReplayReport.Jobs(replayed, Math.max(0, waiting - replayed));
        } catch (IOException e) {
            throw new IllegalStateException("Could not replay the dead-letter queue " + jobs.deadLetterQueue(), e);
        } finally {
            try {
                channel.close();
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                log.debug("Closing the replay channel failed", e);
            }
            connection.close();
        }
    }
}
