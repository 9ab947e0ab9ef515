import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The booking half of bench/booking-search.sh, a JDK-only single-file program ({@code java BookingLoad.java ...}).
 *
 * <pre>
 * java bench/booking/BookingLoad.java &lt;base-url&gt; &lt;patients&gt; &lt;throughput-slots-file&gt; &lt;race-slots-file&gt; &lt;concurrency&gt;
 * </pre>
 *
 * <ol>
 *   <li>registers and logs in {@code patients} new patients (e-mails unique to this run);
 *   <li>booking throughput: the lines of the throughput file ({@code <patient-index> <slot-id>}, every slot
 *       distinct and free, no two of one patient overlapping) are booked by {@code concurrency} workers, each
 *       booking as that line's patient; prints bookings/s, p50/p99 and the status counts;
 *   <li>races: for every slot in the race file, all patients try to book it at once (released together by a
 *       barrier); prints how many got 201 and how many 409, then cancels the winner's appointment so the patient
 *       limits never interfere with the next race.
 * </ol>
 *
 * Lines starting with {@code BENCH} are the figures booking-search.sh puts into its report.
 */
public class BookingLoad {

    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        var base = args[0];
        var patients = Integer.parseInt(args[1]);
        var throughputSlots = Files.readAllLines(Path.of(args[2])).stream()
                .filter(l -> !l.isBlank())
                .map(l -> l.trim().split("\\s+"))
                .toList();
        var raceSlots = Files.readAllLines(Path.of(args[3])).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .toList();
        var concurrency = Integer.parseInt(args[4]);
        var http = client();

        var tokens = register(http, base, patients);

        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        var latencies = new long[throughputSlots.size()];
        var next = new AtomicInteger();
        var started = System.nanoTime();
        try (var workers = Executors.newFixedThreadPool(concurrency)) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < throughputSlots.size(); ) {
                        var line = throughputSlots.get(i);
                        var t0 = System.nanoTime();
                        int status;
                        try {
                            status = book(http, base, tokens.get(Integer.parseInt(line[0]) % tokens.size()), line[1])
                                    .statusCode();
                        } catch (RuntimeException e) {
                            status = 0; // no answer: counted as status 0
                        }
                        latencies[i] = System.nanoTime() - t0;
                        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                });
            }
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
                "BENCH booking bookings=%d seconds=%.3f perSecond=%.1f p50ms=%.1f p99ms=%.1f statuses=%s%n",
                latencies.length,
                seconds,
                latencies.length / seconds,
                percentile(latencies, 50) / 1e6,
                percentile(latencies, 99) / 1e6,
                statusList(new TreeMap<>(statuses)));

        var race = 0;
        for (var slot : raceSlots) {
            race++;
            // fresh connections for every race: a pooled keep-alive connection the server has just closed would
            // lose its request before the server sees it
            try (var fresh = client()) {
                race(fresh, base, tokens, slot, race);
            }
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    private static List<String> register(HttpClient http, String base, int patients) throws Exception {
        var run = Long.toString(System.currentTimeMillis(), 36);
        var tokens = new String[patients];
        var failures = new AtomicLong();
        var started = System.nanoTime();
        // identity hashes passwords with BCrypt: a few at a time keep the machine responsive
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < patients; i++) {
                var index = i;
                pool.submit(() -> {
                    var email = "bench-" + run + "-" + index + "@bench.polyclinic.local";
                    var password = "Bench-Patient-" + run + "!";
                    var register = post(http, base + "/api/v1/auth/register", null, """
                            {"email":"%s","password":"%s","fullName":"Bench Patient %d"}"""
                            .formatted(email, password, index));
                    if (register.statusCode() != 201) {
                        failures.incrementAndGet();
                        System.err.println("register " + email + ": " + register.statusCode() + " " + register.body());
                        return null;
                    }
                    var login = post(http, base + "/api/v1/auth/login", null, """
                            {"email":"%s","password":"%s"}""".formatted(email, password));
                    var token = TOKEN.matcher(login.body());
                    if (login.statusCode() != 200 || !token.find()) {
                        failures.incrementAndGet();
                        System.err.println("login " + email + ": " + login.statusCode() + " " + login.body());
                        return null;
                    }
                    tokens[index] = token.group(1);
                    return null;
                });
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " patients could not register or log in");
        }
        System.out.printf(
                "registered and logged in %d patients in %.1f s%n", patients, (System.nanoTime() - started) / 1e9);
        return List.of(tokens);
    }

    /** One attempt of a race: the status (0 when no answer came), the body, the patient's token. */
    private record Attempt(int status, String body, String token) {}

    private static void race(HttpClient http, String base, List<String> tokens, String slot, int race) throws Exception {
        var barrier = new CyclicBarrier(tokens.size());
        var attempts = new ArrayList<Attempt>();
        var started = new AtomicLong();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<java.util.concurrent.Future<Attempt>>();
            for (var token : tokens) {
                futures.add(threads.submit(() -> {
                    barrier.await();
                    started.compareAndSet(0, System.nanoTime());
                    try {
                        var response = book(http, base, token, slot);
                        return new Attempt(response.statusCode(), response.body(), token);
                    } catch (RuntimeException e) {
                        return new Attempt(0, e.toString(), token);
                    }
                }));
            }
            for (var future : futures) {
                attempts.add(future.get());
            }
        }
        var millis = (System.nanoTime() - started.get()) / 1e6;
        Map<Integer, Integer> counts = new TreeMap<>();
        for (var attempt : attempts) {
            counts.merge(attempt.status(), 1, Integer::sum);
            if (attempt.status() == 201) {
                // the winner cancels, so its patient stays under the future-appointments limit for the next race
                var id = ID.matcher(attempt.body());
                if (id.find()) {
                    post(http, base + "/api/v1/appointments/" + id.group(1) + "/cancel", attempt.token(), "{}");
                }
            } else if (attempt.status() != 409 && counts.get(attempt.status()) == 1) {
                System.err.println("race " + race + ": " + attempt.status() + " " + attempt.body());
            }
        }
        var created = counts.getOrDefault(201, 0);
        var conflicts = counts.getOrDefault(409, 0);
        System.out.printf(
                "BENCH race race=%d attempts=%d created=%d conflicts=%d other=%d millis=%.0f statuses=%s verdict=%s%n",
                race,
                attempts.size(),
                created,
                conflicts,
                attempts.size() - created - conflicts,
                millis,
                statusList(counts),
                created == 1 && conflicts == attempts.size() - 1 ? "exactly-one-winner" : "FAILED");
    }

    private static HttpResponse<String> book(HttpClient http, String base, String token, String slot) {
        return post(http, base + "/api/v1/appointments", token, "{\"slotId\":\"" + slot + "\"}");
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String json) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }

    /** {@code 201:1,409:499}: one field without spaces. */
    private static String statusList(Map<Integer, ?> counts) {
        var parts = new ArrayList<String>();
        counts.forEach((status, count) -> parts.add(status + ":" + count));
        return String.join(",", parts);
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
