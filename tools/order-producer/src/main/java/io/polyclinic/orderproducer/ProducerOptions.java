package io.polyclinic.orderproducer;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The producer's command line.
 *
 * @param bootstrapServers Kafka ({@code --bootstrap}, default {@code KAFKA_BOOTSTRAP_SERVERS} or
 *     {@code localhost:9092})
 * @param topic the topic ({@code --topic}, default {@code orders})
 * @param count how many records to send, invalid and duplicates included ({@code --count}, default 1000)
 * @param rate records per second, 0 for as fast as Kafka takes them ({@code --rate}, default 500)
 * @param invalidShare the share of deliberately invalid records, 0..1 ({@code --invalid 5%} or {@code 0.05}, default
 *     0)
 * @param duplicateShare the share of records that repeat an order sent before, same bytes and key
 *     ({@code --duplicates 2%}, default 0)
 * @param oversized how many 10 MB records to add ({@code --oversized}, default 0)
 * @param sample whether to send the reference sample first ({@code --sample}, default off)
 * @param seed the generator's seed ({@code --seed}, default the current time)
 * @param manifest where to write one line per record sent, {@code kind,order_uid,partition,offset} ({@code --manifest},
 *     default none)
 */
public record ProducerOptions(
        String bootstrapServers,
        String topic,
        int count,
        int rate,
        double invalidShare,
        double duplicateShare,
        int oversized,
        boolean sample,
        long seed,
        Path manifest) {

    static final String USAGE = """
            Usage: order-producer [--bootstrap host:port] [--topic orders] [--count 1000] [--rate 500]
                                  [--invalid 5%] [--duplicates 2%] [--oversized 0] [--sample] [--seed N]
                                  [--manifest file.csv]
              --rate 0 sends as fast as Kafka takes them; shares are percentages (5%) or fractions (0.05).""";

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException for an unknown option or a value out of range
     */
    public static ProducerOptions parse(String[] args, String defaultBootstrap) {
        var bootstrap = defaultBootstrap == null || defaultBootstrap.isBlank() ? "localhost:9092" : defaultBootstrap;
        var topic = "orders";
        int count = 1000;
        int rate = 500;
        double invalid = 0;
        double duplicates = 0;
        int oversized = 0;
        boolean sample = false;
        long seed = System.currentTimeMillis();
        Path manifest = null;
        for (int i = 0; i < args.length; i++) {
            var option = args[i];
            if (option.equals("--sample")) {
                sample = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            var value = args[++i];
            switch (option) {
                case "--bootstrap" -> bootstrap = value;
                case "--topic" -> topic = value;
                case "--count" -> count = atLeast(option, Integer.parseInt(value), 0);
                case "--rate" -> rate = atLeast(option, Integer.parseInt(value), 0);
                case "--invalid" -> invalid = share(option, value);
                case "--duplicates" -> duplicates = share(option, value);
                case "--oversized" -> oversized = atLeast(option, Integer.parseInt(value), 0);
                case "--seed" -> seed = Long.parseLong(value);
                case "--manifest" -> manifest = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
            }
        }
        if (invalid + duplicates > 1) {
            throw new IllegalArgumentException("--invalid and --duplicates together exceed 100%");
        }
        return new ProducerOptions(
                bootstrap, topic, count, rate, invalid, duplicates, oversized, sample, seed, manifest);
    }

    private static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min);
        }
        return value;
    }

    private static double share(String option, String value) {
        var text = value.trim().toLowerCase(Locale.ROOT);
        double share = text.endsWith("%")
                ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                : Double.parseDouble(text);
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException(option + " must be between 0% and 100%");
        }
        return share;
    }
}
