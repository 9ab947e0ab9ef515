package io.polyclinic.orderproducer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the producer sent: records by kind, the valid orders' ids, how long it took. */
public final class Summary {

    private final ProducerOptions options;
    private final Map<String, Integer> byKind = new TreeMap<>();
    private final List<String> validUids = new ArrayList<>();
    private Duration elapsed = Duration.ZERO;

    Summary(ProducerOptions options) {
        this.options = options;
    }

    void count(String kind, String validUid) {
        byKind.merge(kind, 1, Integer::sum);
        if (validUid != null) {
            validUids.add(validUid);
        }
    }

    void finish(Duration elapsed) {
        this.elapsed = elapsed;
    }

    /** Records sent, by kind: {@code sample}, {@code valid}, {@code duplicate} and each {@link InvalidOrder} label. */
    public Map<String, Integer> byKind() {
        return Map.copyOf(byKind);
    }

    /** The distinct valid orders sent (the sample included), in order: what the service must store. */
    public List<String> validUids() {
        return List.copyOf(validUids);
    }

    /** All records sent. */
    public int total() {
        return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The report the command prints. */
    public String report() {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        var invalid = new TreeMap<>(byKind);
        invalid.remove("valid");
        invalid.remove("sample");
        invalid.remove("duplicate");
        var lines = new StringBuilder();
        lines.append("Sent %d records to topic %s at %s in %.1f s (%.0f records/s, seed %d)%n"
                .formatted(
                        total(),
                        options.topic(),
                        options.bootstrapServers(),
                        seconds,
                        total() / seconds,
                        options.seed()));
        lines.append("  valid orders (distinct order_uid, to be stored): %d%s%n"
                .formatted(validUids.size(), byKind.containsKey("sample") ? " (the reference sample included)" : ""));
        lines.append("  duplicates (an order sent before, same bytes; to be ignored): %d%n"
                .formatted(byKind.getOrDefault("duplicate", 0)));
        lines.append("  invalid (to be dead-lettered to orders.dlt): %d %s%n"
                .formatted(invalid.values().stream().mapToInt(Integer::intValue).sum(), invalid));
        if (!validUids.isEmpty()) {
            lines.append("  first orders: %s%n".formatted(validUids.subList(0, Math.min(3, validUids.size()))));
        }
        if (options.manifest() != null) {
            lines.append("  every record: %s (kind,order_uid,partition,offset)%n".formatted(options.manifest()));
        }
        return lines.toString();
    }
}
