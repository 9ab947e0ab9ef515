package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SqlCaptureTest {

    @Test
    void parametersBecomeTypedLiteralsExceptQuestionMarksInQuotesAndComments() {
        var parameters = new HashMap<Integer, Object>();
        parameters.put(1, "O'Brien");
        parameters.put(2, UUID.fromString("0190b6a4-0000-7000-8000-000000000001"));
        parameters.put(3, OffsetDateTime.of(2026, 12, 1, 9, 30, 0, 0, ZoneOffset.UTC));
        parameters.put(4, LocalDate.of(2026, 12, 2));
        parameters.put(5, 20L);
        parameters.put(6, null);
        var sql = "select '?' x -- why?\n from t where a = ? and b = ? and c > ? and d = ? limit ? offset ?";

        assertThat(SqlCapture.inline(sql, parameters))
                .isEqualTo("select '?' x -- why?\n from t where a = 'O''Brien'::varchar"
                        + " and b = '0190b6a4-0000-7000-8000-000000000001'::uuid"
                        + " and c > '2026-12-01T09:30Z'::timestamptz and d = '2026-12-02'::date limit 20::int8"
                        + " offset NULL");
    }

    @Test
    void theEnvironmentMovesPortsDataAndScale() {
        var config = DevStackConfig.fromEnvironment(Map.of(
                "POLYCLINIC_DEV_GATEWAY_PORT", "18080",
                "POLYCLINIC_DEV_BOOKING_PORT", "18082",
                "POLYCLINIC_DEV_VAR_DIR", "var-bench",
                "POLYCLINIC_DEMO_DATA_SCALE", "LARGE"));

        assertThat(config.gatewayPort()).isEqualTo(18080);
        assertThat(config.identityPort()).isEqualTo(8081);
        assertThat(config.bookingPort()).isEqualTo(18082);
        assertThat(config.varDirectory()).hasToString("var-bench");
        assertThat(config.demoDataScale()).isEqualTo("large");
        assertThat(config.corsAllowedOrigins()).contains("http://localhost:18080");
        assertThat(config.sqlCaptureDirectory()).isNull();
    }
}
