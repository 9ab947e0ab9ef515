package io.polyclinic.booking.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.booking.shared.BookingProperties;
import io.polyclinic.booking.slot.SlotService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo data set, loaded into the shared test database (other tests use their own unique specialties, clinics
 * and doctors, so the extra rows do not disturb them).
 */
class DemoDataLoaderTest extends BookingApiTest {

    @Autowired
    DemoDataRepository demo;

    @Autowired
    SlotService slots;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    private DemoDataLoader loader(Clock clock) {
        var properties = new BookingProperties(
                Duration.ofHours(1),
                Duration.ofHours(2),
                5,
                31,
                92,
                Duration.ofDays(90),
                new BookingProperties.Completion(true, Duration.ofMinutes(1), 500),
                new BookingProperties.DemoData(true, 520, 14, 7L, BookingProperties.DemoData.Scale.SMALL));
        return new DemoDataLoader(demo, slots, transactions, dataSource, properties, clock);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void theDemoDataIsLoadedOnceAndSlotsAreToppedUpIdempotently() {
        var clock = Clock.systemUTC();
        var loader = loader(clock);
        var before = count("select count(*) from doctors");
        loader.run(null);

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
        var latest = jdbc.sql("select max(s.start_at) from slots s join demo_schedules d on d.doctor_id = s.doctor_id")
                .query(OffsetDateTime.class)
                .single();
        assertThat(latest.toInstant()).isAfter(Instant.now().plus(Duration.ofDays(11)));
        assertThat(latest.toInstant()).isBefore(Instant.now().plus(Duration.ofDays(15)));
        // every demo doctor has free slots in the next 14 days
        assertThat(count("select count(*) from demo_schedules d where not exists (select 1 from slots s"
                        + " where s.doctor_id = d.doctor_id and s.status = 'AVAILABLE')"))
                .isZero();

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
