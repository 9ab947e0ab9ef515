import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU of a JFR recording went, the profiling half of bench/booking-search.sh: a JDK-only single-file
 * program ({@code java JfrProfile.java ...}).
 *
 * <pre>
 * java bench/booking/JfrProfile.java &lt;recording.jfr&gt; [&lt;requests served while recording&gt;] [&lt;top N&gt;]
 * </pre>
 *
 * Reads the {@code jdk.ExecutionSample} events (one running Java thread's stack, every 10-20 ms of its CPU time)
 * and prints, as markdown:
 *
 * <ul>
 *   <li>the samples per <em>service</em>: a stack with a frame of the gateway's own code, Spring Cloud Gateway or an
 *       HTTP client is the gateway's; one with booking's code, the PostgreSQL driver or the connection pool is
 *       booking's; the rest (Tomcat and the filters before a request reaches its handler, background threads) is
 *       shared by both, since the dev stack runs every service in one JVM;
 *   <li>the samples per <em>layer</em>, by the library of the innermost frame that is not the JDK's core
 *       ({@code java.*}, {@code jdk.internal.*}, {@code sun.*}): a {@code HashMap.get} called by Micrometer counts
 *       for Micrometer;
 *   <li>the top methods by that innermost non-JDK frame.
 * </ul>
 *
 * With the number of requests served while recording, each count is also given per 1,000 requests, which makes
 * a run through the gateway comparable with a run directly at the service: the difference is the gateway's cost.
 */
public class JfrProfile {

    /** Library of a class, by the first matching prefix; the order matters (specific before general). */
    private static final String[][] LAYERS = {
        {"io.polyclinic.gateway.", "polyclinic gateway"},
        {"io.polyclinic.booking.", "polyclinic booking"},
        {"io.polyclinic.platform.", "polyclinic platform"},
        {"io.polyclinic.", "polyclinic other"},
        {"org.springframework.cloud.gateway.", "Spring Cloud Gateway"},
        {"org.springframework.security.", "Spring Security"},
        {"org.springframework.web.servlet.", "Spring MVC"},
        {"org.springframework.web.", "Spring Web"},
        {"org.springframework.http.", "Spring Web"},
        {"org.springframework.boot.", "Spring Boot"},
        {"org.springframework.jdbc.", "Spring JDBC"},
        {"org.springframework.", "Spring (other)"},
        {"io.micrometer.tracing.", "Micrometer Tracing"},
        {"io.micrometer.", "Micrometer"},
        {"io.opentelemetry.", "OpenTelemetry"},
        {"org.apache.catalina.", "Tomcat"},
        {"org.apache.coyote.", "Tomcat"},
        {"org.apache.tomcat.", "Tomcat"},
        {"org.apache.hc.", "Apache HttpClient"},
        {"jdk.internal.net.http.", "JDK HttpClient"},
        {"java.net.http.", "JDK HttpClient"},
        {"ch.qos.logback.", "logging"},
        {"org.slf4j.", "logging"},
        {"org.apache.logging.", "logging"},
        {"tools.jackson.", "Jackson"},
        {"com.fasterxml.jackson.", "Jackson"},
        {"org.postgresql.", "PostgreSQL driver"},
        {"com.zaxxer.hikari.", "HikariCP"},
        {"com.nimbusds.", "Nimbus JOSE"},
        {"com.github.benmanes.caffeine.", "Caffeine"},
        {"io.github.bucket4j.", "Bucket4j"},
        {"org.apache.kafka.", "Kafka"},
        {"kafka.", "Kafka"},
        {"org.apache.qpid.", "Qpid"},
        {"io.grpc.", "gRPC"},
        {"io.netty.", "Netty"},
        {"sun.nio.", "JDK NIO"},
        {"java.nio.", "JDK NIO"},
        {"sun.net.", "JDK net"},
        {"java.net.", "JDK net"},
    };

    private static final String[] GATEWAY_MARKERS = {
        "io.polyclinic.gateway.", "org.springframework.cloud.gateway.", "jdk.internal.net.http.", "org.apache.hc."
    };

    private static final String[] BOOKING_MARKERS = {"io.polyclinic.booking.", "org.postgresql.", "com.zaxxer.hikari."};

    public static void main(String[] args) throws Exception {
        var file = Path.of(args[0]);
        long requests = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        var byService = new HashMap<String, Long>();
        var byLayer = new HashMap<String, Map<String, Long>>();
        var byMethod = new HashMap<String, Map<String, Long>>();
        long total = 0;
        for (var event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            var frames = event.getStackTrace().getFrames();
            var service = service(frames);
            var inner = innermostOwnFrame(frames);
            var layer = inner == null ? "JDK core" : layer(className(inner));
            var method = inner == null
                    ? (frames.isEmpty() ? "?" : name(frames.get(0)))
                    : name(inner);
            total++;
            byService.merge(service, 1L, Long::sum);
            byLayer.computeIfAbsent(service, s -> new HashMap<>()).merge(layer, 1L, Long::sum);
            byLayer.computeIfAbsent("all", s -> new HashMap<>()).merge(layer, 1L, Long::sum);
            byMethod.computeIfAbsent(service, s -> new HashMap<>()).merge(method, 1L, Long::sum);
        }
        System.out.printf("%d execution samples in %s%s%n%n", total, file.getFileName(),
                requests > 0 ? ", " + requests + " requests" : "");
        System.out.println("| service | samples | share |" + (requests > 0 ? " per 1,000 requests |" : ""));
        System.out.println("|---|---|---|" + (requests > 0 ? "---|" : ""));
        for (var entry : sorted(byService)) {
            row(entry.getKey(), entry.getValue(), total, requests);
        }
        for (var service : List.of("gateway", "booking", "shared", "all")) {
            var layers = byLayer.get(service);
            if (layers == null) {
                continue;
            }
            System.out.printf("%n%s, by layer (innermost non-JDK frame):%n%n", service);
            System.out.println("| layer | samples | share of all |" + (requests > 0 ? " per 1,000 requests |" : ""));
            System.out.println("|---|---|---|" + (requests > 0 ? "---|" : ""));
            for (var entry : sorted(layers)) {
                row(entry.getKey(), entry.getValue(), total, requests);
            }
        }
        for (var service : List.of("gateway", "shared", "booking")) {
            var methods = byMethod.get(service);
            if (methods == null) {
                continue;
            }
            System.out.printf("%n%s, top %d methods (innermost non-JDK frame):%n%n", service, top);
            var list = sorted(methods);
            for (var entry : list.subList(0, Math.min(top, list.size()))) {
                System.out.printf("%6d  %5.1f %%  %s%n", entry.getValue(), 100.0 * entry.getValue() / total, entry.getKey());
            }
        }
    }

    private static void row(String name, long count, long total, long requests) {
        System.out.printf("| %s | %d | %.1f %% |%s%n", name, count, 100.0 * count / total,
                requests > 0 ? String.format(" %.1f |", 1000.0 * count / requests) : "");
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        var list = new ArrayList<>(counts.entrySet());
        list.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        return list;
    }

    private static String service(List<RecordedFrame> frames) {
        boolean booking = false;
        for (var frame : frames) {
            var type = className(frame);
            for (var marker : GATEWAY_MARKERS) {
                if (type.startsWith(marker)) {
                    return "gateway";
                }
            }
            for (var marker : BOOKING_MARKERS) {
                booking |= type.startsWith(marker);
            }
        }
        return booking ? "booking" : "shared";
    }

    private static RecordedFrame innermostOwnFrame(List<RecordedFrame> frames) {
        for (var frame : frames) {
            var type = className(frame);
            if (!(type.startsWith("java.lang.") || type.startsWith("java.util.") || type.startsWith("jdk.internal.misc.")
                    || type.startsWith("jdk.internal.util.") || type.startsWith("jdk.internal.reflect.")
                    || type.startsWith("java.lang.invoke.") || type.startsWith("sun.invoke.")
                    || type.startsWith("java.time.") || type.startsWith("java.text.")
                    || type.startsWith("java.security.") || type.startsWith("sun.security.")
                    || type.startsWith("java.io.") || type.startsWith("java.math.")
                    || type.startsWith("java.util.concurrent.") || type.startsWith("jdk.internal.vm."))) {
                return frame;
            }
        }
        return null;
    }

    private static String layer(String type) {
        for (var layer : LAYERS) {
            if (type.startsWith(layer[0])) {
                return layer[1];
            }
        }
        var parts = type.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : type;
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : frame.getMethod().getType().getName();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : className(frame) + "." + frame.getMethod().getName();
    }

    private JfrProfile() {}
}
