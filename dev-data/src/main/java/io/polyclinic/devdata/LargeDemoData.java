package io.polyclinic.devdata;

import io.polyclinic.devdata.DemoCities.City;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import net.datafaker.Faker;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The large demo and benchmark data set (100k doctors, 2k clinics, 5M slots: the search benchmark's size, see
 * docs/product.md "Performance targets"), generated in memory as it goes and
 * streamed into PostgreSQL with {@code COPY ... FROM STDIN} through the driver's {@link org.postgresql.copy.CopyManager}.
 *
 * <p>Clinics lie in real cities ({@link DemoCities}), weighted by population and spread around each city centre;
 * doctors have Russian or English Datafaker names, one or two specialties, one or two clinics of one city, a status
 * (mostly ACTIVE) and a rating; every doctor gets {@code slotsPerDoctor} slots on the coming working days in the
 * clinic's zone, never overlapping, a realistic share of them BOOKED (more in the first days, each with a BOOKED
 * appointment of its own patient) or BLOCKED. Weekly schedules are not kept, so {@link SmallDemoData} does not top
 * these slots up: they cover the weeks after the load.
 *
 * <p>Run {@link #main} to load it into any booking database (the schema is migrated first); the dev stack loads it
 * with {@code POLYCLINIC_DEMO_DATA_SCALE=large}, {@code bench/booking-data.sh} with this class's {@link #main}.
 */
public final class LargeDemoData {

    private static final Logger log = LoggerFactory.getLogger(LargeDemoData.class);
    private static final int FLUSH_CHARS = 1 << 20;

    /**
     * How much to generate.
     *
     * @param doctors doctors (100,000 in the large set)
     * @param clinics clinics (2,000)
     * @param slotsPerDoctor slots per doctor (50, so 5,000,000 in all)
     * @param seed the random seed: the same seed gives the same names, places and times (ids differ)
     */
    public record Size(int doctors, int clinics, int slotsPerDoctor, long seed) {

        /** The benchmark's size. */
        public static Size large(long seed) {
            return new Size(100_000, 2_000, 50, seed);
        }
    }

    /** What a load created, and how long it took (generation and COPY together, then ANALYZE). */
    public record Result(int clinics, int doctors, long slots, long appointments, Duration took) {}

    private record ClinicRow(UUID id, City city) {}

    private LargeDemoData() {}

    /**
     * Loads the large set with {@code seed} into the booking database behind {@code dataSource} on one connection of
     * its own, outside any Spring transaction, unless demo data was loaded before; answers whether it loaded.
     *
     * @throws IllegalStateException when the load fails (it is rolled back as a whole)
     */
    public static boolean loadIfEmpty(DataSource dataSource, long seed) {
        log.info("Loading the large demo data set (100,000 doctors, 5,000,000 slots); this takes a few minutes");
        try (var connection = dataSource.getConnection()) {
            var result = loadIfEmpty(connection, Size.large(seed), Instant.now());
            if (result == null) {
                log.info("Demo data was loaded before; the large set is not loaded on top of it");
            }
            return result != null;
        } catch (SQLException e) {
            throw new IllegalStateException("The large demo data set did not load", e);
        }
    }

    /**
     * Loads the data set into a database without demo data, in one transaction with the mark that demo data is
     * loaded, then analyzes the tables; returns null (and changes nothing) when demo data was loaded before.
     *
     * @param connection a connection to the migrated booking database; its auto-commit is restored afterwards
     */
    public static Result loadIfEmpty(Connection connection, Size size, Instant now) throws SQLException {
        var autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (var mark = connection.prepareStatement(
                    "insert into demo_data_runs (id, loaded_at) values (1, now()) on conflict do nothing")) {
                if (mark.executeUpdate() == 0) {
                    connection.rollback();
                    return null;
                }
            }
            var result = load(connection, size, now);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Generates and copies the data set on this connection, in its current transaction, and analyzes the tables (the
     * planner needs their statistics before the first search).
     *
     * <p>The platform bounds every statement, idle transaction and socket read of a pooled connection (decision
     * 0029); a load of millions of rows needs far longer, so it lifts those limits for its own transaction and
     * restores the socket timeout afterwards.
     *
     * @param now slots start on the day after {@code now}'s date in each clinic's zone
     */
    public static Result load(Connection connection, Size size, Instant now) throws SQLException {
        var networkTimeout = connection.getNetworkTimeout();
        connection.setNetworkTimeout(Runnable::run, 0);
        try (var unbounded = connection.createStatement()) {
            unbounded.execute("set local statement_timeout = 0");
            unbounded.execute("set local idle_in_transaction_session_timeout = 0");
            return loadUnbounded(connection, size, now);
        } finally {
            connection.setNetworkTimeout(Runnable::run, networkTimeout);
        }
    }

    private static Result loadUnbounded(Connection connection, Size size, Instant now) throws SQLException {
        long started = System.nanoTime();
        var random = new Random(size.seed());
        var russian = new Faker(Locale.of("ru"), new Random(size.seed()));
        var english = new Faker(Locale.ENGLISH, new Random(size.seed() + 1));
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();

        try (var insert = connection.prepareStatement(
                "insert into specialties (code, name_ru, name_en) values (?, ?, ?) on conflict do nothing")) {
            for (var s : DemoCatalog.SPECIALTIES) {
                insert.setString(1, s.code());
                insert.setString(2, s.nameRu());
                insert.setString(3, s.nameEn());
                insert.addBatch();
            }
            insert.executeBatch();
        }

        var clinics = clinics(size.clinics(), random);
        var byCity = new HashMap<City, List<ClinicRow>>();
        try (var out = new CopyWriter(copy.copyIn(
                "copy clinics (id, name, address, city, latitude, longitude, time_zone, phone) from stdin"))) {
            for (var clinic : clinics) {
                byCity.computeIfAbsent(clinic.city(), k -> new ArrayList<>()).add(clinic);
                var city = clinic.city();
                var faker = city.russian() ? russian : english;
                // spread around the centre: a normal distribution, wider in bigger cities, cut at three sigmas
                var sigmaKm = Math.min(15, 3 + city.weight() / 8.0);
                var north = clamp(random.nextGaussian(), 3) * sigmaKm / 111.0;
                var east = clamp(random.nextGaussian(), 3) * sigmaKm / (111.0 * Math.cos(Math.toRadians(city.lat())));
                out.value(clinic.id())
                        .text(clinicName(city, faker, random))
                        .text(address(city, faker, random))
                        .text(city.name())
                        .value(round(city.lat() + north, 6))
                        .value(round(city.lon() + east, 6))
                        .text(city.zone())
                        .text(faker.phoneNumber().phoneNumber())
                        .endRow();
            }
        }

        var doctors = new ArrayList<Doctor>(size.doctors());
        try (var out = new CopyWriter(copy.copyIn("copy doctors (id, full_name, bio, experience_years, photo_url,"
                + " status, rating_avg, rating_count) from stdin"))) {
            for (int i = 0; i < size.doctors(); i++) {
                var home = clinics.get(random.nextInt(clinics.size()));
                var ru = home.city().russian() && random.nextInt(100) < 85;
                var faker = ru ? russian : english;
                var doctor = new Doctor(DemoIds.newId(), home);
                var sameCity = byCity.get(home.city());
                if (sameCity.size() > 1 && random.nextInt(4) == 0) {
                    var second = sameCity.get(random.nextInt(sameCity.size()));
                    if (!second.id().equals(home.id())) {
                        doctor.second = second;
                    }
                }
                doctor.specialty = specialty(random);
                if (random.nextInt(3) == 0) {
                    var other = specialty(random);
                    if (!other.code().equals(doctor.specialty.code())) {
                        doctor.otherSpecialty = other;
                    }
                }
                var experience = 1 + random.nextInt(40);
                var bio = ru
                        ? doctor.specialty.nameRu() + ", стаж " + experience + " лет. "
                                + faker.lorem().sentence(8)
                        : doctor.specialty.nameEn() + " with " + experience + " years of practice. "
                                + faker.lorem().sentence(8);
                var roll = random.nextInt(100);
                var status = roll < 92 ? "ACTIVE" : roll < 97 ? "ON_LEAVE" : "INACTIVE";
                var reviewed = random.nextInt(4) != 0;
                out.value(doctor.id)
                        .text(
                                ru
                                        ? SmallDemoData.russianFullName(faker, random.nextBoolean())
                                        : faker.name().fullName())
                        .text(bio)
                        .value(experience)
                        .text("https://i.pravatar.cc/300?u=" + doctor.id)
                        .text(status)
                        .value(reviewed ? round(Math.min(5, Math.max(1, 4.3 + random.nextGaussian() * 0.45)), 2) : 0)
                        .value(reviewed ? 1 + (int) Math.exp(random.nextDouble() * 5.5) : 0)
                        .endRow();
                doctors.add(doctor);
            }
        }

        try (var out = new CopyWriter(copy.copyIn("copy doctor_specialties (doctor_id, specialty_code) from stdin"))) {
            for (var d : doctors) {
                out.value(d.id).text(d.specialty.code()).endRow();
                if (d.otherSpecialty != null) {
                    out.value(d.id).text(d.otherSpecialty.code()).endRow();
                }
            }
        }
        try (var out = new CopyWriter(copy.copyIn("copy doctor_clinics (doctor_id, clinic_id) from stdin"))) {
            for (var d : doctors) {
                out.value(d.id).value(d.home.id()).endRow();
                if (d.second != null) {
                    out.value(d.id).value(d.second.id()).endRow();
                }
            }
        }

        // the slots and their appointments go in without the secondary indexes and foreign keys of their tables,
        // which are built and validated once afterwards (in this transaction, so a failure rolls all of it back)
        var deferred = DeferredChecks.drop(connection, List.of("slots", "appointments"));
        long slots;
        try (var out = new CopyWriter(
                copy.copyIn("copy slots (id, doctor_id, clinic_id, start_at, end_at, status) from stdin"))) {
            for (var d : doctors) {
                slotsOf(d, size.slotsPerDoctor(), now, random, out);
            }
            slots = out.rows();
        }
        var copied = System.nanoTime();
        long appointments;
        // the BOOKED slots copied in this transaction (created_at = now() = the transaction's start) get a patient
        try (var book = connection.prepareStatement("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status,
                                          created_at)
                select gen_random_uuid(), gen_random_uuid(), s.id, s.doctor_id, s.clinic_id, s.start_at, s.end_at,
                       'BOOKED', now() - interval '1 hour' * floor(random() * 500)
                  from slots s where s.created_at = now() and s.status = 'BOOKED'
                """)) {
            appointments = book.executeUpdate();
        }
        var booked = System.nanoTime();
        deferred.restore(connection);
        var restored = System.nanoTime();
        try (var analyze = connection.createStatement()) {
            analyze.execute("analyze clinics, doctors, doctor_specialties, doctor_clinics, slots, appointments");
        }
        var took = Duration.ofNanos(System.nanoTime() - started);
        log.info(
                "Large demo data loaded: {} clinics, {} doctors, {} slots, {} appointments in {} s"
                        + " (COPY {} s, appointments {} s, indexes and foreign keys {} s, ANALYZE {} s)",
                clinics.size(),
                doctors.size(),
                slots,
                appointments,
                took.toSeconds(),
                (copied - started) / 1_000_000_000,
                (booked - copied) / 1_000_000_000,
                (restored - booked) / 1_000_000_000,
                (System.nanoTime() - restored) / 1_000_000_000);
        return new Result(clinics.size(), doctors.size(), slots, appointments, took);
    }

    /**
     * The secondary indexes (those behind no constraint) and foreign keys of some tables, read from the catalogue so
     * that whatever later migrations define comes back exactly: dropped before a bulk load, restored after it.
     */
    private record DeferredChecks(List<String> drops, List<String> restores) {

        static DeferredChecks drop(Connection connection, List<String> tables) throws SQLException {
            var drops = new ArrayList<String>();
            var indexes = new ArrayList<String>();
            var foreignKeys = new ArrayList<String>();
            var array = connection.createArrayOf("text", tables.toArray());
            try (var query = connection.prepareStatement("""
                    select format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
                      from pg_index i
                     where i.indrelid = any (?::regclass[])
                       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                    """)) {
                query.setArray(1, array);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        drops.add(rows.getString(1));
                        indexes.add(rows.getString(2));
                    }
                }
            }
            try (var query = connection.prepareStatement("""
                    select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname),
                           format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname,
                                  pg_get_constraintdef(c.oid))
                      from pg_constraint c
                     where c.contype = 'f' and c.conrelid = any (?::regclass[])
                    """)) {
                query.setArray(1, array);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        drops.add(rows.getString(1));
                        foreignKeys.add(rows.getString(2));
                    }
                }
            }
            execute(connection, drops);
            var restores = new ArrayList<String>();
            // sorts for the index builds in memory rather than on disk
            restores.add("set local maintenance_work_mem = '256MB'");
            restores.addAll(indexes);
            restores.addAll(foreignKeys);
            return new DeferredChecks(drops, restores);
        }

        void restore(Connection connection) throws SQLException {
            execute(connection, restores);
        }

        private static void execute(Connection connection, List<String> statements) throws SQLException {
            try (var statement = connection.createStatement()) {
                for (var sql : statements) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** A doctor while the data set is generated. */
    private static final class Doctor {
        final UUID id;
        final ClinicRow home;
        ClinicRow second;
        DemoCatalog.DemoSpecialty specialty;
        DemoCatalog.DemoSpecialty otherSpecialty;

        Doctor(UUID id, ClinicRow home) {
            this.id = id;
            this.home = home;
        }
    }

    /**
     * One block of consecutive slots per working day from the day after {@code now}, alternating between the two
     * clinics of a doctor who has two; one doctor's blocks lie on different days, so they never overlap.
     */
    private static void slotsOf(Doctor d, int count, Instant now, Random random, CopyWriter out) throws SQLException {
        var zone = ZoneId.of(d.home.city().zone());
        var minutes = new int[] {15, 20, 30, 30}[random.nextInt(4)];
        var perDay = 4 + random.nextInt(5);
        var dayStart = LocalTime.of(8 + random.nextInt(6), random.nextBoolean() ? 0 : 30);
        var saturdays = random.nextInt(5) == 0;
        var day = LocalDate.ofInstant(now, zone).plusDays(1);
        int workday = 0;
        int made = 0;
        while (made < count) {
            var weekday = day.getDayOfWeek();
            if (weekday != DayOfWeek.SUNDAY && (saturdays || weekday != DayOfWeek.SATURDAY)) {
                var clinic = d.second != null && workday % 2 != 0 ? d.second : d.home;
                var start = ZonedDateTime.of(day, dayStart, zone).toInstant();
                // the first days are booked up most
                var bookedPercent = Math.max(5, 40 - 5 * workday);
                for (int i = 0; i < perDay && made < count; i++, made++) {
                    var end = start.plusSeconds(minutes * 60L);
                    var roll = random.nextInt(100);
                    var status = roll < bookedPercent ? "BOOKED" : roll < bookedPercent + 4 ? "BLOCKED" : "AVAILABLE";
                    out.value(DemoIds.newId())
                            .value(d.id)
                            .value(clinic.id())
                            .value(start)
                            .value(end)
                            .text(status)
                            .endRow();
                    start = end;
                }
                workday++;
            }
            day = day.plusDays(1);
        }
    }

    /** One clinic in every city (when there are enough clinics), the rest by the cities' weights. */
    private static List<ClinicRow> clinics(int count, Random random) {
        var cities = DemoCities.ALL;
        var total = cities.stream().mapToInt(City::weight).sum();
        var result = new ArrayList<ClinicRow>(count);
        for (int i = 0; i < count; i++) {
            City city;
            if (count >= cities.size() && i < cities.size()) {
                city = cities.get(i);
            } else {
                var pick = random.nextInt(total);
                var index = 0;
                while (pick >= cities.get(index).weight()) {
                    pick -= cities.get(index).weight();
                    index++;
                }
                city = cities.get(index);
            }
            result.add(new ClinicRow(DemoIds.newId(), city));
        }
        return result;
    }

    private static final List<String> BRANDS_RU = List.of(
            "Здоровье",
            "Авиценна",
            "Гиппократ",
            "Медлайн",
            "Семейный доктор",
            "Мать и дитя",
            "Доктор рядом",
            "Панацея",
            "Долголетие",
            "Консилиум",
            "Парацельс",
            "Медис",
            "Ангелина",
            "Добрый доктор",
            "Клиника Эксперт",
            "Основа",
            "Меридиан",
            "Аксон",
            "Вита",
            "Пульс");
    private static final List<String> BRANDS_EN = List.of(
            "Harbour",
            "Riverside",
            "Central",
            "Meridian",
            "Oakwood",
            "Parkview",
            "Northgate",
            "Lakeside",
            "Cityline",
            "Greenfield",
            "Westbrook",
            "Kingsway");

    private static String clinicName(City city, Faker faker, Random random) {
        if (city.russian()) {
            var brand = BRANDS_RU.get(random.nextInt(BRANDS_RU.size()));
            return switch (random.nextInt(4)) {
                case 0 -> "Городская поликлиника № " + (1 + random.nextInt(220));
                case 1 -> "Клиника «" + brand + "»";
                case 2 -> "Медицинский центр «" + brand + "»";
                default -> "Клиника «" + brand + "» на " + faker.resolve("address.street_title");
            };
        }
        var brand = BRANDS_EN.get(random.nextInt(BRANDS_EN.size()));
        return switch (random.nextInt(3)) {
            case 0 -> brand + " Medical Centre";
            case 1 -> faker.name().lastName() + " Family Clinic";
            default -> brand + " Clinic " + city.name();
        };
    }

    private static String address(City city, Faker faker, Random random) {
        if (city.russian()) {
            return "ул. " + faker.resolve("address.street_title") + ", " + (1 + random.nextInt(150));
        }
        return faker.address().streetAddress();
    }

    private static final List<DemoCatalog.DemoSpecialty> SPECIALTY_WEIGHTS;

    static {
        // general practitioners, pediatricians and dentists are the most numerous
        var weights = new ArrayList<DemoCatalog.DemoSpecialty>();
        for (var s : DemoCatalog.SPECIALTIES) {
            var times =
                    switch (s.code()) {
                        case "therapy" -> 6;
                        case "pediatrics", "dentistry" -> 3;
                        case "gynecology", "ophthalmology", "otolaryngology", "neurology", "surgery" -> 2;
                        default -> 1;
                    };
            for (int i = 0; i < times; i++) {
                weights.add(s);
            }
        }
        SPECIALTY_WEIGHTS = List.copyOf(weights);
    }

    private static DemoCatalog.DemoSpecialty specialty(Random random) {
        return SPECIALTY_WEIGHTS.get(random.nextInt(SPECIALTY_WEIGHTS.size()));
    }

    private static double clamp(double value, double limit) {
        return Math.max(-limit, Math.min(limit, value));
    }

    private static double round(double value, int digits) {
        var scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** Text-format COPY rows, buffered and sent in chunks of about a megabyte. */
    private static final class CopyWriter implements AutoCloseable {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);
        private boolean rowStarted;
        private long rows;

        CopyWriter(CopyIn copy) {
            this.copy = copy;
        }

        /** A column whose {@code toString()} needs no escaping (numbers, UUIDs, instants). */
        CopyWriter value(Object value) {
            separate();
            buffer.append(value);
            return this;
        }

        CopyWriter text(String value) {
            separate();
            for (int i = 0; i < value.length(); i++) {
                var c = value.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
            return this;
        }

        private void separate() {
            if (rowStarted) {
                buffer.append('\t');
            }
            rowStarted = true;
        }

        void endRow() throws SQLException {
            buffer.append('\n');
            rowStarted = false;
            rows++;
            if (buffer.length() >= FLUSH_CHARS) {
                flush();
            }
        }

        long rows() {
            return rows;
        }

        private void flush() throws SQLException {
            var bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    /**
     * Migrates a booking database and loads the large data set into it unless demo data is there already.
     *
     * <p>Arguments: {@code <jdbc-url> [user] [password]} and optionally {@code doctors=}, {@code clinics=},
     * {@code slots-per-doctor=}, {@code seed=} to change the size. Exit code 0 when loaded or already there.
     */
    public static void main(String[] args) throws SQLException {
        if (args.length < 1) {
            System.err.println("Usage: LargeDemoData <jdbc-url> [user] [password] [doctors=N] [clinics=N]"
                    + " [slots-per-doctor=N] [seed=N]");
            System.exit(2);
        }
        var positional = new ArrayList<String>();
        Map<String, String> options = new HashMap<>();
        for (var arg : args) {
            var eq = arg.indexOf('=');
            if (eq > 0 && !arg.startsWith("jdbc:")) {
                options.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else {
                positional.add(arg);
            }
        }
        var url = positional.get(0);
        var user = positional.size() > 1 ? positional.get(1) : "postgres";
        var password = positional.size() > 2 ? positional.get(2) : "";
        var large = Size.large(DemoDataSettings.DEFAULT_SEED);
        var size = new Size(
                Integer.parseInt(options.getOrDefault("doctors", String.valueOf(large.doctors()))),
                Integer.parseInt(options.getOrDefault("clinics", String.valueOf(large.clinics()))),
                Integer.parseInt(options.getOrDefault("slots-per-doctor", String.valueOf(large.slotsPerDoctor()))),
                Long.parseLong(options.getOrDefault("seed", String.valueOf(large.seed()))));

        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/booking")
                .load()
                .migrate();
        try (var connection = DriverManager.getConnection(url, user, password)) {
            var result = loadIfEmpty(connection, size, Instant.now());
            if (result == null) {
                System.out.println("Demo data is already loaded in " + url + "; nothing changed.");
            } else {
                System.out.printf(
                        "Loaded %,d clinics, %,d doctors, %,d slots, %,d appointments in %.1f s%n",
                        result.clinics(),
                        result.doctors(),
                        result.slots(),
                        result.appointments(),
                        result.took().toMillis() / 1000.0);
            }
        }
    }
}
