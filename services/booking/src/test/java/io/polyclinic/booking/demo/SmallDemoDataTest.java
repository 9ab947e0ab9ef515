package io.polyclinic.booking.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.devdata.DemoDataInitializer;
import io.polyclinic.devdata.DemoDataSettings;
import io.polyclinic.devdata.SmallDemoData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The small demo data set of the dev-data module, written into the shared test database as the dev stack writes it
 * (other tests use their own unique specialties, clinics and doctors, so the extra rows do not disturb them), then
 * searched through booking's API.
 */
class SmallDemoDataTest extends BookingApiTest {

    @Autowired
    DataSource dataSource;

    private SmallDemoData loader(Clock clock) {
        return new SmallDemoData(dataSource, new DemoDataSettings(DemoDataSettings.Scale.SMALL, 520, 14, 7L), clock);
    }

    private Instant latestDemoSlot() {
        return jdbc.sql("select max(s.start_at) from slots s join demo_schedules d on d.doctor_id = s.doctor_id")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void theDemoDataIsLoadedOnceAndSlotsAreToppedUpIdempotently() {
        var clock = Clock.systemUTC();
        var loader = loader(clock);
        var before = count("select count(*) from doctors");
        assertThat(loader.load()).as("first load").isTrue();
        // the dev stack's two steps: the first days before "ready", the rest in the background
        assertThat(loader.topUp(DemoDataInitializer.FIRST_DAYS)).isPositive();
        assertThat(latestDemoSlot()).isBefore(Instant.now().plus(Duration.ofDays(DemoDataInitializer.FIRST_DAYS)));
        var withoutAFreeSlot = "select count(*) from demo_schedules d where not exists (select 1 from slots s"
                + " where s.doctor_id = d.doctor_id and s.status = 'AVAILABLE')";
        assertThat(count(withoutAFreeSlot))
                .as("every demo doctor bookable before the rest")
                .isZero();
        assertThat(loader.topUp()).as("the rest").isPositive();

        assertThat(count("select count(*) from clinics c join demo_schedules d on d.clinic_id = c.id"))
                .isPositive();
        assertThat(count("select count(distinct clinic_id) from demo_schedules"))
                .isGreaterThanOrEqualTo(20);
        assertThat(count("select count(*) from specialties")).isGreaterThanOrEqualTo(15);
        assertThat(count("select count(*) from doctors") - before).isEqualTo(520);
        assertThat(count("select count(*) from doctors where search_name ~ '[а-я]'"))
                .isGreaterThanOrEqualTo(200);
        assertThat(count("select count(*) from doctors where full_name ~ '^[A-Z][A-Za-z''.-]+( [A-Z][A-Za-z''.-]+)+$'"))
                .isGreaterThanOrEqualTo(200);
        // Russian names read "Surname First-name Patronymic", all three of one gender (only the demo doctors: other
        // test classes sharing the database create names such as "Иванов Пётр")
        var demoDoctors = "select count(*) from doctors where id in (select doctor_id from demo_schedules) and ";
        var russian = count(demoDoctors + "full_name ~ '[А-Яа-яЁё]'");
        var female = count(demoDoctors + "full_name ~ '^[А-ЯЁ][а-яё-]+[ая] [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(вна|чна)$'");
        var male = count(demoDoctors + "full_name ~ '^[А-ЯЁ][а-яё-]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ич$'");
        assertThat(female).isGreaterThanOrEqualTo(80);
        assertThat(male).isGreaterThanOrEqualTo(80);
        assertThat(female + male).isEqualTo(russian);
        var demoSlots =
                "select count(*) from slots s join demo_schedules d on d.doctor_id = s.doctor_id and d.clinic_id = s.clinic_id";
        var slotCount = count(demoSlots);
        assertThat(slotCount).isGreaterThan(20_000);
        assertThat(latestDemoSlot()).isAfter(Instant.now().plus(Duration.ofDays(11)));
        assertThat(latestDemoSlot()).isBefore(Instant.now().plus(Duration.ofDays(15)));
        // every demo doctor has free slots in the next 14 days
        assertThat(count(withoutAFreeSlot)).isZero();

        assertThat(loader.load()).as("second load").isFalse();
        assertThat(loader.topUp()).as("nothing to top up on the same day").isZero();
        assertThat(count(demoSlots)).isEqualTo(slotCount);
        assertThat(count("select count(*) from doctors") - before).isEqualTo(520);

        var threeDaysLater = Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);
        assertThat(loader(threeDaysLater).topUp()).as("three more days").isPositive();
        var sizeAfter = count(demoSlots);
        assertThat(loader(threeDaysLater).topUp()).isZero();
        assertThat(count(demoSlots)).isEqualTo(sizeAfter);

        var search = get("/api/v1/doctors?city=%D0%9A%D0%B0%D0%B7%D0%B0%D0%BD%D1%8C&sort=nearestSlot&size=5", null);
        assertThat(search.body().get("totalItems").asInt()).isPositive();
        assertThat(search.body().get("items").get(0).get("nearestFreeSlot").isNull())
                .isFalse();
    }
}
