package io.polyclinic.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the Grafana dashboards ({@code deploy/grafana/dashboards/*.json}, their Prometheus queries; SQL
 * queries of a PostgreSQL datasource are left out) and the Prometheus alert rules
 * ({@code deploy/prometheus/rules/*.rules.yml}) query, read with a small PromQL tokenizer, and the names a scrape of
 * {@code /actuator/prometheus} exposes.
 *
 * <p>The tokenizer is deliberately plain: it drops string literals (label values, regexes), {@code {...}} label
 * matchers, {@code [...]} ranges, numbers and durations, Grafana variables, the label lists after {@code by},
 * {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right}, operators and keywords,
 * and names followed by {@code (} (functions, aggregations). Every other identifier is a metric name.
 */
final class DashboardMetrics {

    /**
     * Metrics of the infrastructure's exporters, never of a service: Prometheus's own {@code up}, kafka-exporter's
     * topic offsets and group lag, RabbitMQ's queue depths (rabbitmq_prometheus, per-object metrics), the kubelet's
     * volume statistics.
     */
    static final Set<String> INFRASTRUCTURE = Set.of(
            "up",
            "kafka_consumergroup_lag",
            "kafka_topic_partition_current_offset",
            "rabbitmq_queue_messages",
            "kubelet_volume_stats_available_bytes",
            "kubelet_volume_stats_capacity_bytes");

    /**
     * Service metrics registered only when something fails (a counter per destination or template made on first
     * use), so healthy traffic cannot make them appear: each must still be a meter the code registers, by the
     * Micrometer name given here.
     */
    static final Map<String, String> ONLY_ON_FAILURE = Map.of(
            "polyclinic_outbox_dead_total", "polyclinic.outbox.dead",
            "polyclinic_outbox_send_failures_total", "polyclinic.outbox.send.failures",
            "notifier_emails_failed_total", "notifier.emails.failed");

    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan",
            "atan2",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");

    private static final Set<String> LABEL_LISTS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_]\\w*\\s*\\)\\s*$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DashboardMetrics() {}

    /** The metric names of one PromQL expression (Grafana variables allowed). */
    static Set<String> metricNames(String expression) {
        var names = new TreeSet<String>();
        var labelValues = LABEL_VALUES.matcher(expression);
        var text = labelValues.matches() ? labelValues.group(1) : expression;
        text = VARIABLES.matcher(STRINGS.matcher(text).replaceAll("\"\"")).replaceAll("1");
        var i = 0;
        while (i < text.length()) {
            var c = text.charAt(i);
            if (c == '{' || c == '[') {
                var end = text.indexOf(c == '{' ? '}' : ']', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (Character.isDigit(c) || c == '.') {
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                var start = i;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i)) || "_:".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                var name = text.substring(start, i);
                var next = i;
                while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                var call = next < text.length() && text.charAt(next) == '(';
                if (call && LABEL_LISTS.contains(name)) {
                    var end = text.indexOf(')', next);
                    i = end < 0 ? text.length() : end + 1;
                } else if (!call && !KEYWORDS.contains(name)) {
                    names.add(name);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /**
     * Every metric the dashboards and rules under {@code root/deploy} query, with where each is queried.
     *
     * @return metric name to "file: panel or alert" places
     */
    static Map<String, List<String>> queried(Path root) {
        var queried = new TreeMap<String, List<String>>();
        for (var file : files(root.resolve("deploy/grafana/dashboards"), ".json")) {
            var dashboard = JSON.readTree(read(file));
            panels(dashboard.path("panels"), (title, expression) -> add(queried, file, title, expression));
            for (var variable : dashboard.path("templating").path("list")) {
                // Only a query variable of Prometheus queries metrics: a custom list or a SQL query does not.
                var type = variable.path("type").asString("query");
                if (!type.equals("query") || !isPrometheus(variable.path("datasource"))) {
                    continue;
                }
                var query = variable.path("query");
                add(
                        queried,
                        file,
                        "variable " + variable.path("name").asString(),
                        query.isObject() ? query.path("query").asString() : query.asString());
            }
        }
        for (var file : files(root.resolve("deploy/prometheus/rules"), ".rules.yml")) {
            Map<String, Object> rules = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
            for (var group : list(rules.get("groups"))) {
                for (var rule : list(group.get("rules"))) {
                    var name = String.valueOf(rule.getOrDefault("alert", rule.get("record")));
                    add(queried, file, name, String.valueOf(rule.get("expr")));
                }
            }
        }
        return queried;
    }

    /**
     * The queried metrics that are neither exposed nor on the infrastructure or failure-only lists.
     *
     * @return metric name to where it is queried
     */
    static Map<String, List<String>> notExposed(Map<String, List<String>> queried, Set<String> exposed) {
        var missing = new TreeMap<>(queried);
        missing.keySet().removeAll(exposed);
        missing.keySet().removeAll(INFRASTRUCTURE);
        missing.keySet().removeAll(ONLY_ON_FAILURE.keySet());
        return missing;
    }

    /** The repository root: the nearest directory upwards holding {@code deploy/grafana}. */
    static Path repositoryRoot() {
        var directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("deploy/grafana"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(
                    "No deploy/grafana above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    /** The metric names of a Prometheus text exposition ({@code /actuator/prometheus}). */
    static Set<String> exposed(String exposition) {
        var names = new TreeSet<String>();
        exposition
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> {
                    var end = 0;
                    while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                        end++;
                    }
                    names.add(line.substring(0, end));
                });
        return names;
    }

    /** Whether the main code of the services and libraries registers a meter of this Micrometer name. */
    static boolean registeredInCode(Path root, String meterName) {
        var quoted = "\"" + meterName + "\"";
        try (var sources = Files.walk(root)) {
            return sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/"))
                    .filter(path -> path.startsWith(root.resolve("services")) || path.startsWith(root.resolve("libs")))
                    .anyMatch(path -> read(path).contains(quoted));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Target {
        void query(String panel, String expression);
    }

    /**
     * Whether a panel, query or variable reads Prometheus: its datasource names no other type. A dashboard over the
     * web-analytics rollups reads PostgreSQL with SQL ({@code rawSql}), which names no metric.
     */
    static boolean isPrometheus(JsonNode datasource) {
        var type = datasource.path("type").asString("");
        return type.isEmpty() || type.equals("prometheus");
    }

    private static void panels(JsonNode panels, Target target) {
        for (var panel : panels) {
            for (var query : panel.path("targets")) {
                var source =
                        query.path("datasource").isMissingNode() ? panel.path("datasource") : query.path("datasource");
                if (isPrometheus(source)) {
                    target.query(
                            panel.path("title").asString(), query.path("expr").asString());
                }
            }
            panels(panel.path("panels"), target);
        }
    }

    private static void add(Map<String, List<String>> queried, Path file, String where, String expression) {
        for (var name : metricNames(expression)) {
            queried.computeIfAbsent(name, n -> new ArrayList<>()).add(file.getFileName() + ": " + where);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(suffix))
                    .filter(path -> !path.getFileName().toString().endsWith(".test.yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
