package io.polyclinic.platform.security.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads identity's revocation events into {@link RevokedTokens}, on a thread of its own.
 *
 * <p>No consumer group and no committed offsets: every replica needs every revocation, and only the recent ones
 * matter. At start it assigns itself every partition of the topic and seeks each to the first record written within
 * the retention ({@code offsetsForTimes}), or to its end when there is none; it has <em>caught up</em> once its
 * position reaches the end offsets seen then. Events: {@code SessionRevoked} ({@code data.sessionId}) and
 * {@code UserTokensRevoked} ({@code data.userId}, {@code data.notBefore}); other types on the topic are ignored,
 * and a record that is not a well-formed event is logged and skipped. A Kafka failure is logged and retried after a
 * pause; the listener never stops before the application does. Partitions added to the topic later are not read
 * until a restart.
 */
public final class RevocationEventListener implements SmartLifecycle {

    static final String SESSION_REVOKED = "SessionRevoked";
    static final String USER_TOKENS_REVOKED = "UserTokensRevoked";

    private static final Logger log = LoggerFactory.getLogger(RevocationEventListener.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final Duration PURGE_INTERVAL = Duration.ofSeconds(30);

    private final Supplier<Consumer<String, String>> consumers;
    private final RevokedTokens revocations;
    private final RevocationProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile Instant startedAt;
    private volatile Consumer<String, String> consumer;
    private Thread thread;

    /** @param consumers creates the Kafka consumer (String keys and values, no group) when the listener starts */
    public RevocationEventListener(
            Supplier<Consumer<String, String>> consumers,
            RevokedTokens revocations,
            RevocationProperties properties,
            Clock clock) {
        this.consumers = consumers;
        this.revocations = revocations;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the initial replay of the retention window has reached the end offsets seen at start. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** When the listener started, or null before. */
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        startedAt = clock.instant();
        consumer = consumers.get();
        thread = Thread.ofPlatform().name("revocation-events").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(KAFKA_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Map<TopicPartition, Long> replayEnd = null;
        var lastPurge = clock.instant();
        try (var kafka = consumer) {
            while (running) {
                try {
                    if (replayEnd == null) {
                        replayEnd = assignAndSeek(kafka);
                        if (replayEnd == null) {
                            pause();
                            continue;
                        }
                    }
                    for (var record : kafka.poll(POLL_TIMEOUT)) {
                        handle(record);
                    }
                    if (!caughtUp && reached(kafka, replayEnd)) {
                        caughtUp = true;
                        log.info(
                                "Token revocations replayed from {} ({} kept)", properties.topic(), revocations.size());
                    }
                    if (clock.instant().isAfter(lastPurge.plus(PURGE_INTERVAL))) {
                        revocations.purge();
                        lastPurge = clock.instant();
                    }
                } catch (WakeupException | InterruptException e) {
                    if (running) {
                        log.warn("The revocation consumer was interrupted; going on");
                    }
                } catch (RuntimeException e) {
                    // Kafka down, the topic deleted, ...: keep what we have and try again.
                    log.warn("Reading token revocations from {} failed: {}", properties.topic(), e.toString());
                    pause();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Closing the revocation consumer failed: {}", e.toString());
        }
    }

    /** Assigns every partition and seeks to the retention window; the end offsets to reach, or null (no topic yet). */
    private Map<TopicPartition, Long> assignAndSeek(Consumer<String, String> kafka) {
        var infos = kafka.partitionsFor(properties.topic(), KAFKA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            log.info("Topic {} has no partitions yet; waiting for it", properties.topic());
            return null;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        kafka.assign(partitions);
        // The end offsets first: a partition without a recent record is read from there, so a record appended
        // between the two queries is not skipped.
        var ends = kafka.endOffsets(partitions, KAFKA_TIMEOUT);
        long from = clock.instant().minus(properties.retention()).toEpochMilli();
        var query = new HashMap<TopicPartition, Long>();
        partitions.forEach(p -> query.put(p, from));
        var offsets = kafka.offsetsForTimes(query, KAFKA_TIMEOUT);
        for (var partition : partitions) {
            var offset = offsets.get(partition);
            kafka.seek(partition, offset != null ? offset.offset() : ends.get(partition));
        }
        log.info("Reading token revocations from {} ({} partitions)", properties.topic(), partitions.size());
        return ends;
    }

    private static boolean reached(Consumer<String, String> kafka, Map<TopicPartition, Long> ends) {
        for (var end : ends.entrySet()) {
            if (kafka.position(end.getKey(), KAFKA_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Applies one record; anything that is not a well-formed event is skipped. */
    void handle(ConsumerRecord<String, String> record) {
        try {
            apply(record.value());
        } catch (RuntimeException e) {
            // The value is not logged: it may hold personal data.
            log.warn(
                    "Skipping a malformed record on {}-{} at offset {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getClass().getSimpleName());
        }
    }

    /** Applies one event's JSON envelope. */
    void apply(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        JsonNode event = json.readTree(value);
        var type = event.path("type").asString("");
        var data = event.path("data");
        switch (type) {
            case SESSION_REVOKED ->
                revocations.revokeSession(uuid(data, "sessionId"), Instant.parse(required(event, "occurredAt")));
            case USER_TOKENS_REVOKED ->
                revocations.revokeUserTokens(uuid(data, "userId"), Instant.parse(required(data, "notBefore")));
            default -> {
                // Another identity event (UserRegistered, ...): not about tokens.
            }
        }
    }

    private static String uuid(JsonNode node, String field) {
        return UUID.fromString(required(node, field)).toString();
    }

    private static String required(JsonNode node, String field) {
        var value = node.path(field);
        if (!value.isString()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asString();
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
