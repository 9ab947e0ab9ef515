package io.polyclinic.booking.demo;

import io.polyclinic.booking.demo.DemoDataRepository.ClinicRow;
import io.polyclinic.booking.demo.DemoDataRepository.DoctorRow;
import io.polyclinic.booking.demo.DemoDataRepository.Link;
import io.polyclinic.booking.demo.DemoDataRepository.ScheduleRow;
import io.polyclinic.booking.schedule.SlotGenerator;
import io.polyclinic.booking.schedule.WeeklyPlan;
import io.polyclinic.booking.shared.BookingProperties;
import io.polyclinic.booking.slot.NewSlot;
import io.polyclinic.booking.slot.SlotService;
import io.polyclinic.platform.id.Ids;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo data set when {@code polyclinic.booking.demo-data.enabled=true}: once, 22 clinics in real cities
 * (real coordinates and IANA zones), 18 specialties, {@code demo-data.doctors} doctors with Datafaker names (half
 * Russian, half English, a fixed seed) and their weekly schedules; on every start, tops free slots up to
 * {@code demo-data.days-ahead} days ahead in each clinic's zone (idempotent: only days after the latest existing
 * slot are generated, and overlaps are skipped by the database). With {@code demo-data.scale=large} it loads
 * {@link LargeDemoData} instead.
 */
@Component
@ConditionalOnProperty(name = "polyclinic.booking.demo-data.enabled", havingValue = "true")
public class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final List<LocalTimeBreak> LUNCH =
            List.of(new LocalTimeBreak(LocalTime.of(13, 0), LocalTime.of(14, 0)));

    private record LocalTimeBreak(LocalTime start, LocalTime end) {}

    private final DemoDataRepository demo;
    private final SlotService slots;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final BookingProperties.DemoData properties;
    private final Clock clock;

    public DemoDataLoader(
            DemoDataRepository demo,
            SlotService slots,
            TransactionTemplate transactions,
            DataSource dataSource,
            BookingProperties properties,
            Clock clock) {
        this.demo = demo;
        this.slots = slots;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.properties = properties.demoData();
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.scale() == BookingProperties.DemoData.Scale.LARGE) {
            loadLarge();
        } else {
            load();
        }
        topUp();
    }

    /**
     * Loads the large data set ({@link LargeDemoData}) unless demo data was loaded before; answers whether it loaded.
     * It streams millions of rows with COPY on one connection of its own, outside Spring's transactions.
     */
    public boolean loadLarge() {
        log.info("Loading the large demo data set (100,000 doctors, 5,000,000 slots); this takes a few minutes");
        try (var connection = dataSource.getConnection()) {
            var result =
                    LargeDemoData.loadIfEmpty(connection, LargeDemoData.Size.large(properties.seed()), clock.instant());
            if (result == null) {
                log.info("Demo data was loaded before; the large set is not loaded on top of it");
            }
            return result != null;
        } catch (SQLException e) {
            throw new IllegalStateException("The large demo data set did not load", e);
        }
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
                    properties.doctors(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return Boolean.TRUE.equals(loaded);
    }

    /** Generates free slots for the days after each demo schedule's latest slot, up to days-ahead; answers how many. */
    public int topUp() {
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
            var to = localToday.plusDays(properties.daysAhead() - 1L);
            if (from.isAfter(to)) {
                continue;
            }
            var days = Arrays.stream(schedule.days().split(","))
                    .map(DayOfWeek::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
            var plan = new WeeklyPlan(
                    from,
                    to,
                    days,
                    schedule.start(),
                    schedule.end(),
                    LUNCH.stream()
                            .map(b -> new WeeklyPlan.LocalTimeRange(b.start(), b.end()))
                            .toList(),
                    schedule.slotMinutes());
            for (var interval : SlotGenerator.generate(plan, zone)) {
                if (interval.start().isAfter(now)) {
                    fresh.add(new NewSlot(
                            Ids.newId(), schedule.doctorId(), schedule.clinicId(), interval.start(), interval.end()));
                }
            }
        }
        Integer inserted = transactions.execute(status -> {
            demo.liftLimitsForThisTransaction();
            return slots.addSkippingOverlaps(fresh);
        });
        log.info(
                "Demo slots topped up to {} days after {}: {} created in {} ms",
                properties.daysAhead(),
                today,
                inserted,
                (System.nanoTime() - started) / 1_000_000);
        return inserted == null ? 0 : inserted;
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
                .map(c -> new ClinicRow(Ids.newId(), c))
                .toList();
        demo.insertClinics(clinics);

        var random = new Random(properties.seed());
        var russian = new Faker(Locale.of("ru"), new Random(properties.seed()));
        var english = new Faker(Locale.ENGLISH, new Random(properties.seed() + 1));
        var doctors = new ArrayList<DoctorRow>();
        var specialtyLinks = new ArrayList<Link>();
        var clinicLinks = new ArrayList<Link>();
        var schedules = new ArrayList<ScheduleRow>();
        for (int i = 0; i < properties.doctors(); i++) {
            var ru = i % 2 == 0;
            var faker = ru ? russian : english;
            var id = Ids.newId();
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
            doctors.add(new DoctorRow(id, name, bio, experience, "https://i.pravatar.cc/300?u=" + id));
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
