package io.polyclinic.dev;

import io.polyclinic.analytics.processor.EventProcessingService;
import io.polyclinic.analytics.processor.ProcessorParts;
import io.polyclinic.analytics.site.SiteService;
import io.polyclinic.platform.id.Ids;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics service (docs/product.md "Web analytics") in the dev stack: its arguments (database {@code analytics},
 * port 8088, the visitor-hash secret generated into {@code var/}, the GeoIP database fetched into {@code var/geoip/} on
 * the first start), its Kafka topics, and its demo site: the site of the collector's test page, with the fixed
 * tracking id {@value #DEMO_TRACKING_ID}, seeded once with 30 days of generated visits. The seed goes through the
 * processor itself (enrichment, sessions, rollups) in batches, in the background after the stack is ready.
 */
final class AnalyticsDevBlock {

    /** The analytics service's port when the stack runs on its fixed ports. */
    static final int PORT = 8088;

    /** The demo site's tracking id, written into the test page's snippet. */
    static final String DEMO_TRACKING_ID = "demo-clinic-site";

    /** The analytics topics, created with the stack's others (the service aligns their settings: retention, compaction). */
    static final List<String> TOPICS = List.of("analytics.raw-events", "analytics.raw-events.dlt", "analytics.sites");

    private static final Logger log = LoggerFactory.getLogger(AnalyticsDevBlock.class);
    private static final UUID DEMO_CLINIC = UUID.fromString("01939a4e-0000-7000-8000-00000000a11c");
    private static final int DAYS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnalyticsDevBlock() {}

    /** The service's arguments on top of the stack's common ones. */
    static List<String> args(
            List<String> serviceArgs, Path var, String jwksUri, String auditTarget, String gatewayUrl) {
        var args = new ArrayList<>(serviceArgs);
        args.add("--management.health.rabbit.enabled=false");
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri);
        args.add("--polyclinic.audit.target=" + auditTarget);
        args.add("--polyclinic.analytics.enrichment.visitor-secret="
                + DevSecrets.kept(
                        var.resolve("analytics-visitor-secret"),
                        32,
                        Base64.getUrlEncoder().withoutPadding()));
        args.add("--polyclinic.analytics.enrichment.geoip-database="
                + var.resolve("geoip").resolve("geo-whois-asn-country.mmdb"));
        args.add("--polyclinic.analytics.sites.collector-url=" + gatewayUrl);
        return args;
    }

    /** Creates the demo site if missing and seeds it once, on a background thread; never fails the stack. */
    static void seedInBackground(ConfigurableApplicationContext context) {
        Thread.ofPlatform().name("analytics-demo-data").daemon().start(() -> {
            try {
                seed(context);
            } catch (RuntimeException e) {
                log.warn("Analytics demo data not seeded: {}", e.toString());
            }
        });
    }

    private static void seed(ConfigurableApplicationContext context) {
        var site = context.getBean(SiteService.class)
                .ensureSite(
                        DEMO_CLINIC,
                        "Demo clinic website",
                        DEMO_TRACKING_ID,
                        List.of("localhost", "127.0.0.1"),
                        "Europe/Moscow");
        var jdbc = context.getBean(JdbcClient.class);
        var seeded = jdbc.sql("select exists(select 1 from rollups where site_id = ?)")
                .param(site.id())
                .query(Boolean.class)
                .single();
        if (seeded) {
            return;
        }
        // Yauaa is built on first use; built here, its start-up is not counted as processing time.
        long warmUp = System.nanoTime();
        context.getBean(ProcessorParts.class).userAgents().warmUp();
        long started = System.nanoTime();
        var events = generate(Instant.now(), site.timeZone());
        var processor = context.getBean(EventProcessingService.class);
        for (int from = 0; from < events.size(); from += 500) {
            processor.process(events.subList(from, Math.min(events.size(), from + 500)));
        }
        log.info(
                "Analytics demo site '{}' seeded with {} events over {} days in {} ms (user-agent analyzer built in {} ms)",
                DEMO_TRACKING_ID,
                events.size(),
                DAYS,
                (System.nanoTime() - started) / 1_000_000,
                (started - warmUp) / 1_000_000);
    }

    private static final String[] PAGES = {
        "/",
        "/doctors",
        "/doctors/cardiology",
        "/clinics",
        "/book",
        "/about",
        "/prices",
        "/doctors/dermatology",
        "/contacts"
    };
    private static final String[] REFERRERS = {
        null,
        null,
        null,
        "https://www.google.com/",
        "https://yandex.ru/",
        "https://www.facebook.com/",
        "https://t.co/x",
        "https://news.example.org/health",
        "https://duckduckgo.com/"
    };
    private static final String[] CAMPAIGNS = {
        "",
        "",
        "",
        "",
        "?utm_source=newsletter&utm_medium=email&utm_campaign=winter",
        "?utm_source=vk&utm_medium=social&utm_campaign=checkup"
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    };
    private static final String[] NETWORKS = {
        "77.88.8.", "8.8.4.", "85.214.132.", "193.0.6.", "133.242.0.", "200.160.2.", "81.2.69.", "5.255.255."
    };

    /** About 60 to 140 visits a day (fewer at weekends and at night), one to five page views each. */
    private static List<byte[]> generate(Instant now, ZoneId zone) {
        var random = new Random(20261202L);
        var events = new ArrayList<byte[]>();
        var today = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
        for (int d = DAYS - 1; d >= 0; d--) {
            var day = today.minusDays(d);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            int visits = (weekend ? 60 : 100) + random.nextInt(40);
            for (int v = 0; v < visits; v++) {
                var start = day.plusMinutes(7 * 60 + random.nextInt(16 * 60))
                        .plusSeconds(random.nextInt(60))
                        .toInstant();
                if (start.isAfter(now)) {
                    continue;
                }
                var ip = NETWORKS[random.nextInt(NETWORKS.length)] + (1 + random.nextInt(250));
                var agent = AGENTS[random.nextInt(AGENTS.length)];
                var referrer = REFERRERS[random.nextInt(REFERRERS.length)];
                var campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
                int pages = 1 + (random.nextInt(10) < 4 ? 0 : random.nextInt(5));
                var at = start;
                for (int p = 0; p < pages && !at.isAfter(now); p++) {
                    var url = "http://localhost:8089" + PAGES[p == 0 ? random.nextInt(4) : random.nextInt(PAGES.length)]
                            + (p == 0 ? campaign : "");
                    events.add(event(at, url, p == 0 ? referrer : null, ip, agent, "pageview", "pageview"));
                    if (random.nextInt(8) == 0) {
                        events.add(event(at.plusSeconds(5), url, null, ip, agent, "click", "Book an appointment"));
                    }
                    at = at.plus(Duration.ofSeconds(20 + random.nextInt(240)));
                }
            }
        }
        return events;
    }

    private static byte[] event(
            Instant at, String url, String referrer, String ip, String agent, String type, String name) {
        var event = new LinkedHashMap<String, Object>();
        event.put("version", 1);
        event.put("eventId", Ids.newId().toString());
        event.put("trackingId", DEMO_TRACKING_ID);
        event.put("type", type);
        event.put("name", name);
        event.put("url", url);
        event.put("referrer", referrer);
        event.put("props", Map.of());
        event.put("receivedAt", at.toString());
        event.put("clientIp", ip);
        event.put("userAgent", agent);
        event.put("screenWidth", agent.contains("Mobile") ? 390 : 1440);
        return JSON.writeValueAsBytes(event);
    }
}
