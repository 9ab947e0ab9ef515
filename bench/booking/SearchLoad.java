import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Doctor searches at a fixed arrival rate (an open-loop load), the latency half of bench/booking-search.sh: a
 * JDK-only single-file program ({@code java SearchLoad.java ...}).
 *
 * <pre>
 * java bench/booking/SearchLoad.java &lt;base-url&gt; &lt;queries-file&gt; &lt;requests-per-second&gt; &lt;seconds&gt;
 *     [&lt;warm-up-seconds&gt;]
 * </pre>
 *
 * Request {@code i} is due at {@code i / rate} seconds after the start, whatever happened to the ones before it, and
 * its latency is measured from that due time to the end of its response body: a slow answer delays no later request
 * and a stalled server shows as latency, not as fewer requests (no coordinated omission, unlike a closed loop such as
 * wrk whose connections wait for each other). Each request is a line of the queries file (a path with its query
 * string) picked at random with a fixed seed, sent with {@code Accept-Language: ru}. The first warm-up seconds (default
 * 0) run at the same rate and are not counted: they warm this JVM's own HTTP client and JIT, whose first requests are
 * slow whatever the server does.
 *
 * <p>Prints one line, {@code BENCH open-loop rate=<target/s> achieved=<completed/s> requests=<n> p50=<us> p90=<us>
 * p99=<us> max=<us> errors=<no answer> non2xx=<n>}: the figures booking-search.sh puts into its report; then the
 * slowest requests, one {@code SLOW <ms> at <s> s <path>} line each, {@code <s>} counted from the end of the
 * warm-up (the 1 % that make the p99 and above).
 */
public class SearchLoad {

    public static void main(String[] args) throws Exception {
        var base = args[0];
        var paths = Files.readAllLines(Path.of(args[1])).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .toList();
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("No searches in " + args[1]);
        }
        var rate = Double.parseDouble(args[2]);
        var seconds = Double.parseDouble(args[3]);
        var warmUp = (int) Math.round(rate * (args.length > 4 ? Double.parseDouble(args[4]) : 0));
        var total = (int) Math.round(rate * seconds);
        var random = new Random(42);
        var latencies = new long[total];
        var sent = new String[total];
        var errors = new AtomicInteger();
        var non2xx = new AtomicInteger();
        var futures = new ArrayList<CompletableFuture<Void>>(total);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor();
                var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(executor)
                        .build()) {
            var start = System.nanoTime();
            for (int i = 0; i < warmUp; i++) {
                var due = start + (long) (i * 1e9 / rate);
                var wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                var path = paths.get(random.nextInt(paths.size()));
                http.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Accept-Language", "ru")
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            start += (long) (warmUp * 1e9 / rate);
            for (int i = 0; i < total; i++) {
                var due = start + (long) (i * 1e9 / rate);
                var wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                var index = i;
                sent[i] = paths.get(random.nextInt(paths.size()));
                var request = HttpRequest.newBuilder(URI.create(base + sent[i]))
                        .header("Accept-Language", "ru")
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build();
                futures.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                        .handle((response, failure) -> {
                            latencies[index] = System.nanoTime() - due;
                            if (failure != null) {
                                errors.incrementAndGet();
                            } else if (response.statusCode() / 100 != 2) {
                                non2xx.incrementAndGet();
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            var elapsed = (System.nanoTime() - start) / 1e9;
            var sorted = latencies.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "BENCH open-loop rate=%.0f achieved=%.1f requests=%d p50=%d p90=%d p99=%d max=%d errors=%d"
                            + " non2xx=%d%n",
                    rate,
                    total / elapsed,
                    total,
                    percentile(sorted, 50) / 1000,
                    percentile(sorted, 90) / 1000,
                    percentile(sorted, 99) / 1000,
                    sorted[sorted.length - 1] / 1000,
                    errors.get(),
                    non2xx.get());
            var slowest = new ArrayList<Integer>();
            for (int i = 0; i < total; i++) {
                slowest.add(i);
            }
            slowest.sort((a, b) -> Long.compare(latencies[b], latencies[a]));
            for (var i : slowest.subList(0, Math.max(1, total / 100))) {
                System.out.printf("SLOW %.1f at %.1f s %s%n", latencies[i] / 1e6, i / rate, sent[i]);
            }
        }
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        var rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private SearchLoad() {}
}
