package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The PromQL tokenizer behind the dashboards' metric check, on the shapes the dashboards and rules use. */
class DashboardMetricsTest {

    @Test
    void aRatioOfAggregatedRatesNamesItsTwoMetricsAndNoLabelFunctionOrVariable() {
        var expression = "sum by (service, status) (rate(http_server_requests_seconds_count{service=~\"$service\","
                + " status=~\"5..\"}[$__rate_interval])) / on (service) group_left"
                + " sum without (le) (polyclinic_outbox_lag_seconds offset 5m) > 0.05";

        assertThat(DashboardMetrics.metricNames(expression))
                .containsExactly("http_server_requests_seconds_count", "polyclinic_outbox_lag_seconds");
    }

    @Test
    void histogramQuantilesVariablesAndLabelValuesQueriesNameTheirMetric() {
        assertThat(DashboardMetrics.metricNames(
                        "histogram_quantile(0.99, sum by (le) (rate(polyclinic_search_latency_seconds_bucket[5m])))"))
                .containsExactly("polyclinic_search_latency_seconds_bucket");
        assertThat(DashboardMetrics.metricNames("label_values(up{job=\"polyclinic\"}, service)"))
                .containsExactly("up");
        assertThat(DashboardMetrics.metricNames("disk_free_bytes{path=\"a b\"} / disk_total_bytes and bool 1e3"))
                .containsExactly("disk_free_bytes", "disk_total_bytes");
    }

    @Test
    void aScrapeExposesTheNamesOfItsSamplesNotItsComments() {
        var scrape = """
                # HELP jvm_threads_live_threads The current number of live threads
                # TYPE jvm_threads_live_threads gauge
                jvm_threads_live_threads{application="booking"} 42.0
                up 1
                """;

        assertThat(DashboardMetrics.exposed(scrape)).containsExactlyInAnyOrder("jvm_threads_live_threads", "up");
    }

    @Test
    void aQueriedMetricNoServiceExposesIsReportedWithWhereItIsQueried() {
        var queried = Map.of(
                "polyclinic_appointments_bookd_total", List.of("business.json: Booked"),
                "jvm_threads_live_threads", List.of("platform-health.json: Live threads"),
                "kafka_consumergroup_lag", List.of("polyclinic.rules.yml: KafkaConsumerGroupLagHigh"));

        assertThat(DashboardMetrics.notExposed(queried, Set.of("jvm_threads_live_threads")))
                .containsOnlyKeys("polyclinic_appointments_bookd_total");
    }

    @Test
    void theSqlQueriesAndVariablesOfAPostgresqlDashboardAndACustomListNameNoMetric() throws Exception {
        var root = java.nio.file.Files.createTempDirectory("dashboards");
        var dashboards = java.nio.file.Files.createDirectories(root.resolve("deploy/grafana/dashboards"));
        java.nio.file.Files.createDirectories(root.resolve("deploy/prometheus/rules"));
        java.nio.file.Files.writeString(dashboards.resolve("site.json"), """
                {"panels": [
                  {"title": "Pageviews", "datasource": {"type": "grafana-postgresql-datasource", "uid": "analytics"},
                   "targets": [{"refId": "A", "rawSql": "select bucket as time, sum(pageviews) from rollups group by 1"}]},
                  {"title": "Up", "datasource": {"type": "prometheus", "uid": "prometheus"},
                   "targets": [{"refId": "A", "expr": "sum(up)"}]}],
                 "templating": {"list": [
                  {"name": "site", "datasource": {"type": "grafana-postgresql-datasource", "uid": "analytics"},
                   "query": "select name as __text, id as __value from sites where active"},
                  {"name": "step", "type": "custom", "query": "day,hour"}]}}
                """);

        assertThat(DashboardMetrics.queried(root)).containsOnlyKeys("up");
    }
}
