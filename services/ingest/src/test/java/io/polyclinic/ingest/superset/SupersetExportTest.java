package io.polyclinic.ingest.superset;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.ingest.IngestTest;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Superset dashboard export in {@code deploy/superset/polyclinic-warehouse} against the live warehouse (ingest's
 * migrations on embedded PostgreSQL), since Superset itself cannot run here: every dataset's SQL runs and returns the
 * columns the dataset declares, every metric expression runs on it, every column a chart uses exists, the dashboard
 * shows every chart, and the views answer the figures the charts are meant to show.
 */
class SupersetExportTest extends IngestTest {

    private static final Path EXPORT = Path.of("../../deploy/superset/polyclinic-warehouse");
    /** Keys of a chart's params whose values name dataset columns (a name or a list of names). */
    private static final Set<String> COLUMN_KEYS =
            Set.of("x_axis", "groupby", "columns", "all_columns", "granularity_sqla", "subject", "column_name");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String clinic = "Clinic " + UUID.randomUUID();

    @BeforeEach
    void seed() {
        var month = LocalDate.of(2026, 3, 1);
        insert(month, "Cardiology", "Dr. A", 10, "1500.50");
        insert(month, "Cardiology", "Dr. B", 5, "700.00");
        insert(month, "Surgery", "Dr. C", 7, "3000.00");
        insert(month.minusMonths(1), "Cardiology", "Dr. A", 4, "400.00");
    }

    @Test
    void theExportIsADashboardBundleOfOneDatabaseThreeDatasetsThreeChartsAndOneDashboard() throws IOException {
        assertThat(load(EXPORT.resolve("metadata.yaml")))
                .containsEntry("version", "1.0.0")
                .containsEntry("type", "Dashboard");
        assertThat(files("databases")).hasSize(1);
        assertThat(files("datasets")).hasSize(3);
        assertThat(files("charts")).hasSize(3);
        assertThat(files("dashboards")).hasSize(1);
        var database = load(files("databases").getFirst());
        // Superset's mask: the repository holds no password; the compose start script puts it in.
        assertThat((String) database.get("sqlalchemy_uri"))
                .isEqualTo("postgresql+psycopg2://warehouse_reader:XXXXXXXXXX@postgres:5432/ingest");
        assertThat(database.get("allow_dml")).isEqualTo(false);
    }

    @Test
    void everyDatasetsSqlRunsOnTheWarehouseAndReturnsItsColumnsAndItsMetricsRun() throws IOException {
        var databaseUuid = load(files("databases").getFirst()).get("uuid");
        for (var file : files("datasets")) {
            var dataset = load(file);
            var sql = (String) dataset.get("sql");
            assertThat(dataset.get("database_uuid")).as(file.toString()).isEqualTo(databaseUuid);
            assertThat(resultColumns(sql)).as(file.toString()).containsAll(declaredColumns(dataset));
            assertThat(declaredColumns(dataset)).as(file.toString()).contains((String) dataset.get("main_dttm_col"));
            for (var metric : maps(dataset.get("metrics"))) {
                var expression = (String) metric.get("expression");
                jdbc.sql("select " + expression + " from (" + sql + ") as dataset")
                        .query((rs, n) -> rs.getObject(1))
                        .list();
            }
        }
    }

    @Test
    void everyColumnAChartUsesExistsInItsDatasetAndItsQuery() throws IOException {
        var datasets = new HashMap<Object, Map<String, Object>>();
        for (var file : files("datasets")) {
            var dataset = load(file);
            datasets.put(dataset.get("uuid"), dataset);
        }
        for (var file : files("charts")) {
            var chart = load(file);
            var dataset = datasets.get(chart.get("dataset_uuid"));
            assertThat(dataset).as("the dataset of " + file).isNotNull();
            var used = new LinkedHashSet<String>();
            collectColumns(chart.get("params"), used);
            assertThat(used).as(file.toString()).isNotEmpty();
            assertThat(declaredColumns(dataset)).as(file.toString()).containsAll(used);
            var sql = (String) dataset.get("sql");
            assertThat(resultColumns(sql)).as(file.toString()).containsAll(used);
            for (var metric : maps(((Map<?, ?>) chart.get("params")).get("metrics"))) {
                var column = (String) ((Map<?, ?>) metric.get("column")).get("column_name");
                assertThat(column).matches(IDENTIFIER);
                jdbc.sql("select " + metric.get("aggregate") + "(" + column + ") from (" + sql + ") as dataset")
                        .query((rs, n) -> rs.getObject(1))
                        .list();
            }
        }
    }

    @Test
    void theDashboardShowsEveryChart() throws IOException {
        var charts = new LinkedHashSet<Object>();
        for (var file : files("charts")) {
            charts.add(load(file).get("uuid"));
        }
        var dashboard = load(files("dashboards").getFirst());
        var shown = new LinkedHashSet<Object>();
        for (var element : ((Map<?, ?>) dashboard.get("position")).values()) {
            if (element instanceof Map<?, ?> map && "CHART".equals(map.get("type"))) {
                shown.add(((Map<?, ?>) map.get("meta")).get("uuid"));
            }
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(charts);
    }

    @Test
    void theViewsAnswerTheFiguresTheChartsShow() {
        var march = jdbc.sql("select visits, revenue, doctors from warehouse.visits_by_clinic_month"
                        + " where clinic = ? and month = date '2026-03-01'")
                .param(clinic)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getBigDecimal(2), rs.getInt(3)))
                .single();
        assertThat(march).containsExactly(22L, new BigDecimal("5200.50"), 3);

        var cardiology = jdbc.sql("select revenue, visits, revenue_per_visit from warehouse.revenue_by_department"
                        + " where clinic = ? and department = 'Cardiology' and month = date '2026-03-01'")
                .param(clinic)
                .query((rs, n) -> List.of(rs.getBigDecimal(1), rs.getLong(2), rs.getBigDecimal(3)))
                .single();
        assertThat(cardiology).containsExactly(new BigDecimal("2200.50"), 15L, new BigDecimal("146.70"));

        var ranking = jdbc.sql("select doctor from warehouse.doctor_performance"
                        + " where clinic = ? and month = date '2026-03-01' order by visits_rank")
                .param(clinic)
                .query(String.class)
                .list();
        assertThat(ranking).containsExactly("Dr. A", "Dr. C", "Dr. B");
    }

    // ---- helpers ----

    private void insert(LocalDate month, String department, String doctor, int visits, String revenue) {
        jdbc.sql("insert into warehouse.clinic_visits (month, clinic, department, doctor, visits, revenue)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(month, clinic, department, doctor, visits, new BigDecimal(revenue))
                .update();
    }

    private List<String> resultColumns(String sql) {
        return jdbc.sql("select * from (" + sql + ") as dataset limit 0")
                .query((ResultSetExtractor<List<String>>) rs -> {
                    var names = new ArrayList<String>();
                    var meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        names.add(meta.getColumnLabel(i));
                    }
                    return names;
                });
    }

    private static List<String> declaredColumns(Map<String, Object> dataset) {
        return maps(dataset.get("columns")).stream()
                .map(c -> (String) c.get("column_name"))
                .toList();
    }

    /** Adds every column name found under a column-naming key, at any depth. */
    private static void collectColumns(Object node, Collection<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (COLUMN_KEYS.contains(String.valueOf(key))) {
                    if (value instanceof String name) {
                        into.add(name);
                    } else if (value instanceof List<?> names) {
                        names.stream().filter(String.class::isInstance).forEach(n -> into.add((String) n));
                    }
                }
                collectColumns(value, into);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectColumns(item, into));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    private static List<Path> files(String directory) throws IOException {
        try (Stream<Path> paths = Files.walk(EXPORT.resolve(directory))) {
            return paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }
}
