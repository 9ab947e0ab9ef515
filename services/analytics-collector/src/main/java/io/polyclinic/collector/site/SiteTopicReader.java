package io.polyclinic.collector.site;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.contracts.analytics.SiteRecord;
import io.polyclinic.contracts.schema.ContractSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link KnownSitesService} equal to the compacted topic {@code analytics.sites}: one thread with its own
 * consumer (no group: every replica reads every partition from the beginning), applying each record as it comes (the
 * latest per key wins, a tombstone deletes). When the positions reach the end offsets the topic had at the start, the
 * sites count as loaded and the collector becomes ready. A record that is not a valid {@link SiteRecord} (or whose key
 * is not its tracking id) is skipped with a warning and counted; a lost connection is retried, reading again from the
 * beginning.
 */
public class SiteTopicReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SiteTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final KnownSitesService sites;
    private final JsonMapper json;
    private final Counter invalid;
    private volatile boolean running;
    private volatile Consumer<String, byte[]> current;
    private Thread thread;

    /**
     * @param consumers makes a consumer with String keys and byte[] values and no group id
     * @param sites the map to fill
     */
    public SiteTopicReader(
            Supplier<Consumer<String, byte[]>> consumers,
            KnownSitesService sites,
            JsonMapper json,
            MeterRegistry meters) {
        this.consumers = consumers;
        this.sites = sites;
        this.json = json;
        this.invalid = Counter.builder("analytics.collector.sites.invalid")
                .description("Records of analytics.sites skipped because they are not valid site records")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("analytics-sites-reader").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        var consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (var consumer = consumers.get()) {
                current = consumer;
                follow(consumer);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Reading {} failed ({}); retrying", SiteRecord.TOPIC, e.toString());
                sleep();
            } finally {
                current = null;
            }
        }
    }

    private void follow(Consumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            partitions = consumer.partitionsFor(SiteRecord.TOPIC, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                log.info("Waiting for topic {}", SiteRecord.TOPIC);
                sleep();
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (running) {
            for (var record : consumer.poll(POLL)) {
                apply(record);
            }
            if (!sites.isLoaded()
                    && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                sites.markLoaded();
                log.info("Sites loaded from {}: {} known", SiteRecord.TOPIC, sites.size());
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            skip(record, "no key");
            return;
        }
        if (record.value() == null) {
            sites.remove(record.key());
            return;
        }
        try {
            var tree = json.readTree(new String(record.value(), StandardCharsets.UTF_8));
            var problems = ContractSchemas.forConsumers().problems(SiteRecord.CONTRACT, tree);
            if (!problems.isEmpty()) {
                skip(record, String.join("; ", problems));
                return;
            }
            var site = json.treeToValue(tree, SiteRecord.class);
            if (!record.key().equals(site.trackingId())) {
                skip(record, "key is not the tracking id");
                return;
            }
            sites.put(site);
        } catch (JacksonException e) {
            skip(record, "not JSON");
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        invalid.increment();
        log.warn(
                "Skipped record {}-{}@{} of {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                SiteRecord.TOPIC,
                reason);
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
