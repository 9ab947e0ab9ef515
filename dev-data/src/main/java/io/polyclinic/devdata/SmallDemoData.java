package io.polyclinic.devdata;

import io.polyclinic.devdata.DemoDataRepository.ClinicRow;
import io.polyclinic.devdata.DemoDataRepository.DoctorRow;
import io.polyclinic.devdata.DemoDataRepository.Link;
import io.polyclinic.devdata.DemoDataRepository.NewSlot;
import io.polyclinic.devdata.DemoDataRepository.ScheduleRow;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.datafaker.Faker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The small demo data set, written with SQL into a migrated booking database: once, 22 clinics in real cities (real
 * coordinates and IANA zones), 18 specialties, {@code doctors} doctors with Datafaker names (half Russian, half
 * English, a fixed seed) and their weekly schedules (kept in booking's {@code demo_schedules}); on every start, free
 * slots topped up to {@code days-ahead} days ahead in each clinic's zone (idempotent: only days after the latest
 * existing slot are generated, and overlaps are skipped by the database).
 */
public final class SmallDemoData {

    private static final Logger log = LoggerFactory.getLogger(SmallDemoData.class);
    private static final LocalTime LUNCH_START = LocalTime.of(13, 0);
    private static final LocalTime LUNCH_END = LocalTime.of(14, 0);

    private final DemoDataRepository demo;
    private final TransactionTemplate transactions;
    private final DemoDataSettings settings;
    private final Clock clock;

    /**
     * @param dataSource the booking database, migrated by booking's Flyway
     * @param clock today's date and the instant before which no slot is made
     */
    public SmallDemoData(DataSource dataSource, DemoDataSettings settings, Clock clock) {
        this.demo = new DemoDataRepository(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.settings = settings;
        this.clock = clock;
    }

    /** Loads the data set unless it was loaded before; answers whether it loaded. */
    public boolean load() {
        long started = System.nanoTime();
        Boolean loaded = transactions.execute(status -> {
            demo.liftLimitsForThisTransaction();
            if (!demo.markLoaded()) {
                return false;
            }
            insertCatalog();
            return true;
        });
        if (Boolean.TRUE.equals(loaded)) {
            log.info(
                    "Demo data loaded: {} clinics, {} specialties, {} doctors in {} ms",
                    DemoCatalog.CLINICS.size(),
                    DemoCatalog.SPECIALTIES.size(),
                    settings.doctors(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return Boolean.TRUE.equals(loaded);
    }

    /** Generates free slots for the days after each demo schedule's latest slot, up to days-ahead; answers how many. */
    public int topUp() {
        return topUp(settings.daysAhead());
    }

    /**
     * Generates free slots for the days after each demo schedule's latest slot, up to {@code daysAhead} days from today
     * in each clinic's zone (today counts as the first), in one transaction; answers how many. A later call with more
     * days goes on from where this one stopped.
     *
     * @param daysAhead 1 or more; above the configured days-ahead it is capped to it
     * @throws IllegalArgumentException when {@code daysAhead} is below 1
     */
    public int topUp(int daysAhead) {
        if (daysAhead < 1) {
            throw new IllegalArgumentException("daysAhead must be 1 or more, not " + daysAhead);
        }
        var days = Math.min(daysAhead, settings.daysAhead());
        long started = System.nanoTime();
        var today = LocalDate.now(clock);
        var now = clock.instant();
        var fresh = new ArrayList<NewSlot>();
        for (var schedule : demo.schedules()) {
            var zone = ZoneId.of(schedule.zone());
            var localToday = LocalDate.now(clock.withZone(zone));
            var from = schedule.lastStart() == null
                    ? localToday
                    : LocalDate.ofInstant(schedule.lastStart(), zone).plusDays(1);
            if (from.isBefore(localToday)) {
                from = localToday;
            }
            var to = localToday.plusDays(days - 1L);
            var weekdays = Arrays.stream(schedule.days().split(","))
                    .map(DayOfWeek::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
            for (var day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (weekdays.contains(day.getDayOfWeek())) {
                    slotsOfDay(schedule, day, zone, now, fresh);
                }
            }
        }
        Integer inserted = transactions.execute(status -> {
            demo.liftLimitsForThisTransaction();
            return demo.insertSlotsSkippingOverlaps(fresh);
        });
        log.info(
                "Demo slots topped up to {} days from {}: {} created in {} ms",
                days,
                today,
                inserted,
                (System.nanoTime() - started) / 1_000_000);
        return inserted == null ? 0 : inserted;
    }

    /**
     * One day of a schedule's slots, {@code slotMinutes} each from its start to its end with a lunch break from 13:00
     * to 14:00 local time; a slot whose local start or end a daylight-saving change skips or repeats is left out, and
     * so is one that starts before {@code now}.
     */
    private static void slotsOfDay(
            DemoDataRepository.Schedule schedule, LocalDate day, ZoneId zone, Instant now, List<NewSlot> out) {
        var start = schedule.start();
        while (!start.plusMinutes(schedule.slotMinutes()).isAfter(schedule.end())
                && start.plusMinutes(schedule.slotMinutes()).isAfter(start)) {
            var end = start.plusMinutes(schedule.slotMinutes());
            if (start.isBefore(LUNCH_END) && LUNCH_START.isBefore(end)) {
                start = LUNCH_END;
                continue;
            }
            var localStart = LocalDateTime.of(day, start);
            var localEnd = LocalDateTime.of(day, end);
            if (zone.getRules().getValidOffsets(localStart).size() == 1
                    && zone.getRules().getValidOffsets(localEnd).size() == 1) {
                var startAt = ZonedDateTime.of(localStart, zone).toInstant();
                var endAt = ZonedDateTime.of(localEnd, zone).toInstant();
                if (startAt.isAfter(now)) {
                    out.add(new NewSlot(DemoIds.newId(), schedule.doctorId(), schedule.clinicId(), startAt, endAt));
                }
            }
            start = end;
        }
    }

    /**
     * "Фамилия Имя Отчество", as Russian clinics list doctors, with surname, first name and patronymic of one gender
     * (Datafaker's {@code ru.yml} lists them by gender).
     */
    static String russianFullName(Faker faker, boolean female) {
        var gender = female ? "female" : "male";
        return faker.resolve("name." + gender + "_last_name") + " " + faker.resolve("name." + gender + "_first_name")
                + " " + faker.resolve("name." + gender + "_middle_name");
    }

    private void insertCatalog() {
        demo.insertSpecialties(DemoCatalog.SPECIALTIES);
        var clinics = DemoCatalog.CLINICS.stream()
                .map(c -> new ClinicRow(DemoIds.newId(), c))
                .toList();
        demo.insertClinics(clinics);

        var random = new Random(settings.seed());
        var russian = new Faker(Locale.of("ru"), new Random(settings.seed()));
        var english = new Faker(Locale.ENGLISH, new Random(settings.seed() + 1));
        var doctors = new ArrayList<DoctorRow>();
        var specialtyLinks = new ArrayList<Link>();
        var clinicLinks = new ArrayList<Link>();
        var schedules = new ArrayList<ScheduleRow>();
        for (int i = 0; i < settings.doctors(); i++) {
            var ru = i % 2 == 0;
            var faker = ru ? russian : english;
            var id = DemoIds.newId();
            var name = ru
                    ? russianFullName(faker, random.nextBoolean())
                    : faker.name().fullName();
            var experience = 1 + random.nextInt(40);
            var first = DemoCatalog.SPECIALTIES.get(random.nextInt(DemoCatalog.SPECIALTIES.size()));
            specialtyLinks.add(new Link(id, first.code()));
            var bio = ru
                    ? first.nameRu() + ", стаж " + experience + " лет. "
                            + faker.lorem().sentence(8)
                    : first.nameEn() + " with " + experience + " years of practice. "
                            + faker.lorem().sentence(8);
            if (random.nextInt(3) == 0) {
                var second = DemoCatalog.SPECIALTIES.get(random.nextInt(DemoCatalog.SPECIALTIES.size()));
                if (!second.code().equals(first.code())) {
                    specialtyLinks.add(new Link(id, second.code()));
                }
            }
            // Work contacts as a clinic publishes them: the phone in E.164, a mailbox of the clinic network.
            doctors.add(new DoctorRow(
                    id,
                    name,
                    bio,
                    experience,
                    "https://i.pravatar.cc/300?u=" + id,
                    "+7495%07d".formatted(1_000_000 + i),
                    "doctor%d@polyclinic.example".formatted(i + 1)));
            var home = clinics.get(random.nextInt(clinics.size()));
            clinicLinks.add(new Link(id, home.id()));
            var second = clinics.get(random.nextInt(clinics.size()));
            if (random.nextInt(4) == 0 && !second.id().equals(home.id())) {
                clinicLinks.add(new Link(id, second.id()));
                schedules.add(new ScheduleRow(
                        id, home.id(), "MONDAY,WEDNESDAY,FRIDAY", LocalTime.of(9, 0), LocalTime.of(17, 0), 30));
                schedules.add(new ScheduleRow(
                        id, second.id(), "TUESDAY,THURSDAY,SATURDAY", LocalTime.of(10, 0), LocalTime.of(16, 0), 30));
            } else {
                schedules.add(new ScheduleRow(
                        id,
                        home.id(),
                        "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY",
                        random.nextBoolean() ? LocalTime.of(8, 0) : LocalTime.of(12, 0),
                        random.nextBoolean() ? LocalTime.of(17, 0) : LocalTime.of(20, 0),
                        random.nextBoolean() ? 30 : 20));
            }
        }
        demo.insertDoctors(doctors);
        demo.insertDoctorSpecialties(specialtyLinks);
        demo.insertDoctorClinics(clinicLinks);
        demo.insertSchedules(schedules);
    }
}
