package io.polyclinic.dev;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.contracts.analytics.SiteRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web-analytics collector's part of the dev stack: its topics, its arguments, the test site's entry in
 * {@code analytics.sites}, and the test site itself, a small static page served on its own port (cross-origin to the
 * gateway) with the tracker snippet ({@code data-include-localhost}: the tracker skips localhost otherwise), a
 * single-page navigation, a tracked button, a custom event and a link to book that carries the tracker's session id.
 */
final class AnalyticsCollectorDevBlock implements AutoCloseable {

    /** The collector's port when the stack runs on its fixed ports. */
    static final int COLLECTOR_PORT = 8087;

    /** The test site's port when the stack runs on its fixed ports. */
    static final int TEST_SITE_PORT = 8089;

    /**
     * The test site's tracking id: the analytics service's demo site (its dev data registers it, domains
     * {@code localhost} and {@code 127.0.0.1}), so the page's visits and the bookings made from them show in its
     * reports. The stack also publishes the site's record itself, so the collector takes the test site's events even
     * before the analytics service has published its sites.
     */
    static final String TEST_SITE_TRACKING_ID = AnalyticsDevBlock.DEMO_TRACKING_ID;

    /** A site only the collector knows, for its benchmark ({@code bench/analytics.sh}): nothing is stored for it. */
    static final String BENCH_TRACKING_ID = "dev-test-site";

    /** The analytics topics: raw events (kept 24 hours: they hold IP addresses), their dead letters, the sites. */
    static final List<String> TOPICS = List.of(RawEvent.TOPIC, RawEvent.DEAD_LETTER_TOPIC, SiteRecord.TOPIC);

    private static final String PAGE = "/test-site/index.html";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final byte[] page;

    private AnalyticsCollectorDevBlock(HttpServer server, byte[] page) {
        this.server = server;
        this.page = page;
    }

    /**
     * Creates the three topics (3 partitions) when missing: {@code analytics.raw-events} with a retention of 24 hours,
     * {@code analytics.sites} compacted.
     */
    static void createTopics(String bootstrapServers) {
        var day = Long.toString(Duration.ofHours(24).toMillis());
        var topics = List.of(
                new NewTopic(RawEvent.TOPIC, 3, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, day)),
                new NewTopic(RawEvent.DEAD_LETTER_TOPIC, 3, (short) 1),
                new NewTopic(SiteRecord.TOPIC, 3, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the analytics topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The analytics topics were not created", e);
        }
    }

    /** Creates the topics and publishes the test site's record: before the collector starts, so it loads the site. */
    static void prepareKafka(String bootstrapServers) {
        createTopics(bootstrapServers);
        publishTestSite(bootstrapServers);
    }

    /** Publishes the test site's and the benchmark's records (domain {@code localhost}, active) to {@code analytics.sites}. */
    static void publishTestSite(String bootstrapServers) {
        var sites = List.of(
                new SiteRecord(
                        SiteRecord.VERSION,
                        TEST_SITE_TRACKING_ID,
                        List.of("localhost", "127.0.0.1"),
                        "Europe/Moscow",
                        true),
                new SiteRecord(SiteRecord.VERSION, BENCH_TRACKING_ID, List.of("localhost"), "Europe/Moscow", true));
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (var site : sites) {
                producer.send(new ProducerRecord<>(SiteRecord.TOPIC, site.trackingId(), JSON.writeValueAsBytes(site)))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the test site", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish the test site to " + SiteRecord.TOPIC, e);
        }
    }

    /**
     * The collector's arguments beyond the stack's common ones: Kafka, the keys that verify operators' tokens, and
     * the auto-configurations of the shared classpath it has no use for (the gateway's, a database's).
     */
    static List<String> collectorArgs(String bootstrapServers, String jwksUri) {
        var args = new ArrayList<>(DevStack.notTheGateway(DevStack.NO_DATABASE_AUTO_CONFIGURATION));
        args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri);
        return args;
    }

    /**
     * Serves the test site on the port (every path without a dot is the page, so a reload after a single-page
     * navigation works), its tracker loaded from the gateway.
     */
    static AnalyticsCollectorDevBlock startTestSite(int port, String gatewayUrl) {
        byte[] page;
        try (var in = AnalyticsCollectorDevBlock.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + PAGE);
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{GATEWAY}}", gatewayUrl)
                    .replace("{{TRACKING_ID}}", TEST_SITE_TRACKING_ID)
                    .getBytes(StandardCharsets.UTF_8);
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            var block = new AnalyticsCollectorDevBlock(server, page);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", block::handle);
            server.start();
            return block;
        } catch (IOException e) {
            throw new UncheckedIOException("The test site could not start on port " + port, e);
        }
    }

    /** The test site's address. */
    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) || path.contains(".")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
