package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.UUID;

/**
 * The shared stack's ingest case: an administrator imports a CSV of monthly visits through the gateway, follows the
 * job to SUCCEEDED and finds the rows in the warehouse, next to the demo data the stack wrote there.
 */
final class IngestEndToEnd {

    private IngestEndToEnd() {}

    static void importVisitsThroughTheGateway(DevStack stack, GatewayClient gateway, String adminToken)
            throws Exception {
        var clinic = "E2E clinic " + UUID.randomUUID().toString().substring(0, 8);
        var csv = "Месяц;Клиника;Отделение;Врач;Посещения;Выручка\n"
                + "01.2026;" + clinic + ";Терапия;Иванов И. И.;120;150 000,50\n"
                + "02.2026;" + clinic + ";Терапия;Иванов И. И.;98;120 000\n";
        SpreadsheetImportEndToEnd.importAndFollow(gateway, adminToken, "clinic_visits", "visits.csv", csv);

        try (var connection = DriverManager.getConnection(stack.jdbcUrl("ingest"), "postgres", "");
                var statement = connection.prepareStatement(
                        "select count(*) filter (where clinic = ?), count(*) from warehouse.clinic_visits")) {
            statement.setString(1, clinic);
            try (var rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).as("the demo data").isGreaterThan(100);
            }
        }
    }
}
