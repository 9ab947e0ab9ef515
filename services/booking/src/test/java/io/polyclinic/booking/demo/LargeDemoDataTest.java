package io.polyclinic.booking.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.devdata.DemoCities;
import io.polyclinic.devdata.LargeDemoData;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The large data set's generator and COPY path (dev-data module) at a small size, in the shared test database: its rows are told apart
 * from other tests' by the ids of the clinics it created.
 */
class LargeDemoDataTest extends BookingApiTest {

    @Autowired
    DataSource dataSource;

    private long count(String sql, List<UUID> clinicIds) {
        return jdbc.sql(sql).param("clinics", clinicIds).query(Long.class).single();
    }

    @Test
    void theLargeDataSetIsCopiedWithRealCitiesValidSlotsAndBookedAppointments() throws Exception {
        var before = jdbc.sql("select id from clinics").query(UUID.class).set();
        var schema = """
                select indexdef from pg_indexes where tablename in ('slots', 'appointments')
                union all select pg_get_constraintdef(oid) from pg_constraint
                 where conrelid in ('slots'::regclass, 'appointments'::regclass)
                 order by 1""";
        var schemaBefore = jdbc.sql(schema).query(String.class).list();
        var now = Instant.now();
        LargeDemoData.Result result;
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            result = LargeDemoData.load(connection, new LargeDemoData.Size(400, 30, 20, 11L), now);
            // The platform's statement limit does not apply to the load's own transaction (it may run for minutes).
            try (var show = connection.createStatement();
                    var rs = show.executeQuery("show statement_timeout")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("0");
            }
            connection.commit();
        }
        var clinics = jdbc.sql("select id from clinics").query(UUID.class).list().stream()
                .filter(id -> !before.contains(id))
                .toList();

        // the indexes and foreign keys dropped for the load are all back, exactly as they were
        assertThat(jdbc.sql(schema).query(String.class).list()).isEqualTo(schemaBefore);
        assertThat(schemaBefore).anyMatch(d -> d.startsWith("FOREIGN KEY (doctor_id)"));
        assertThat(clinics).hasSize(30);
        assertThat(result.clinics()).isEqualTo(30);
        assertThat(result.doctors()).isEqualTo(400);
        assertThat(result.slots()).isEqualTo(400 * 20);
        var doctorsOf = "select count(distinct doctor_id) from doctor_clinics where clinic_id in (:clinics)";
        assertThat(count(doctorsOf, clinics)).isEqualTo(400);
        assertThat(count("select count(*) from slots where clinic_id in (:clinics)", clinics))
                .isEqualTo(8000);
        // zones PostgreSQL knows, cities from the catalogue, coordinates within 60 km of the city centre
        assertThat(count(
                        "select count(*) from clinics c where id in (:clinics)"
                                + " and not exists (select 1 from pg_timezone_names z where z.name = c.time_zone)",
                        clinics))
                .isZero();
        for (var row : jdbc.sql("select city, latitude, longitude, time_zone from clinics where id in (:clinics)")
                .param("clinics", clinics)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4)})
                .list()) {
            var city = DemoCities.ALL.stream()
                    .filter(c -> c.name().equals(row[0]))
                    .findFirst()
                    .orElseThrow();
            assertThat(row[3]).isEqualTo(city.zone());
            assertThat(Math.abs((double) row[1] - city.lat())).isLessThan(0.6);
            assertThat(Math.abs((double) row[2] - city.lon()) * Math.cos(Math.toRadians(city.lat())))
                    .isLessThan(0.6);
        }
        // every slot in the future, inside 8:00..18:00 local time, in a clinic of its doctor
        assertThat(count(
                        "select count(*) from slots s join clinics c on c.id = s.clinic_id where c.id in (:clinics)"
                                + " and (s.start_at <= now() or (s.start_at at time zone c.time_zone)::time < '08:00'"
                                + " or (s.end_at at time zone c.time_zone)::time > '18:00'"
                                + " or not exists (select 1 from doctor_clinics dc"
                                + " where dc.doctor_id = s.doctor_id and dc.clinic_id = s.clinic_id))",
                        clinics))
                .isZero();
        var booked = count("select count(*) from slots where status = 'BOOKED' and clinic_id in (:clinics)", clinics);
        var blocked = count("select count(*) from slots where status = 'BLOCKED' and clinic_id in (:clinics)", clinics);
        assertThat(booked).isBetween(800L, 4000L);
        assertThat(blocked).isBetween(100L, 800L);
        assertThat(result.appointments()).isEqualTo(booked);
        assertThat(count(
                        "select count(*) from appointments a join slots s on s.id = a.slot_id"
                                + " where a.status = 'BOOKED' and s.status = 'BOOKED' and a.start_at = s.start_at"
                                + " and a.clinic_id in (:clinics)",
                        clinics))
                .isEqualTo(booked);
        // Russian and English names, ratings on most doctors, a few not ACTIVE
        var doctors =
                " from doctors d where d.id in (select doctor_id from doctor_clinics where clinic_id in (:clinics))";
        assertThat(count(
                        "select count(*)" + doctors
                                + " and d.full_name ~ '^[А-ЯЁ][а-яё-]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$'",
                        clinics))
                .isGreaterThan(100);
        assertThat(count(
                        "select count(*)" + doctors + " and d.full_name ~ '^[A-Z][A-Za-z''.-]+( [A-Z][A-Za-z''.-]+)+$'",
                        clinics))
                .isGreaterThan(10);
        assertThat(count(
                        "select count(*)" + doctors + " and d.rating_count > 0 and d.rating_avg between 1 and 5",
                        clinics))
                .isBetween(200L, 380L);
        assertThat(count("select count(*)" + doctors + " and d.status <> 'ACTIVE'", clinics))
                .isBetween(5L, 80L);
        assertThat(count(
                        "select count(*)" + doctors
                                + " and not exists (select 1 from doctor_specialties ds where ds.doctor_id = d.id)",
                        clinics))
                .isZero();

        var search = get(
                "/api/v1/doctors?city=" + java.net.URLEncoder.encode("Москва", "UTF-8") + "&sort=nearestSlot", null);
        assertThat(search.items().get(0).get("nearestFreeSlot").isNull()).isFalse();
    }
}
