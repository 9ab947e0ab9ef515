package io.polyclinic.booking.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.devdata.DemoDataSettings;
import io.polyclinic.devdata.SmallDemoData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Typo tolerance as a patient meets it (decision 0032): over the demo data set, written by dev-data's
 * {@link SmallDemoData} with the dev stack's settings,
 * a name word of 5+ letters typed with one letter substituted, inserted, deleted or swapped with its neighbour finds
 * that doctor on the first page of {@code GET /api/v1/doctors?name=}.
 */
// a context (and so a database) of its own, into which the test writes the demo data set
@TestPropertySource(properties = "polyclinic.dev-data.scale=small")
class DoctorNameTypoTest extends BookingApiTest {

    private static final String LATIN = "abcdefghijklmnopqrstuvwxyz";
    private static final String CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюя";

    /** One edit of a word, as a person makes it. */
    enum Edit {
        SUBSTITUTION,
        INSERTION,
        DELETION,
        SWAP
    }

    private record DemoDoctor(UUID id, String fullName) {}

    @Autowired
    DataSource dataSource;

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Whether the first page of a search by this name holds this doctor. */
    private boolean firstPageHolds(String name, UUID doctor) {
        var response = get("/api/v1/doctors?name=" + enc(name), null);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        for (var item : response.items()) {
            if (item.get("id").asString().equals(doctor.toString())) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} with one edit of this kind at a random place, never the word itself. */
    static String typo(String word, Edit edit, Random random) {
        var alphabet =
                word.toLowerCase(Locale.ROOT).chars().anyMatch(ch -> CYRILLIC.indexOf(ch) >= 0) ? CYRILLIC : LATIN;
        for (int attempt = 0; attempt < 100; attempt++) {
            var at = random.nextInt(word.length());
            var letter = alphabet.charAt(random.nextInt(alphabet.length()));
            var result =
                    switch (edit) {
                        case SUBSTITUTION -> word.substring(0, at) + letter + word.substring(at + 1);
                        case INSERTION -> word.substring(0, at) + letter + word.substring(at);
                        case DELETION -> word.substring(0, at) + word.substring(at + 1);
                        case SWAP ->
                            at + 1 < word.length()
                                    ? word.substring(0, at)
                                            + word.charAt(at + 1)
                                            + word.charAt(at)
                                            + word.substring(at + 2)
                                    : word;
                    };
            if (!result.equalsIgnoreCase(word)) {
                return result;
            }
        }
        throw new IllegalArgumentException("no " + edit + " of " + word);
    }

    @Test
    void oneTypoInAnyLongNameWordOfEveryDemoDoctorFindsThemOnTheFirstPage() {
        new SmallDemoData(dataSource, DemoDataSettings.small(), Clock.systemUTC()).load();
        var doctors = jdbc.sql("select id, full_name from doctors where id in (select doctor_id from demo_schedules)"
                        + " order by full_name, id")
                .query((rs, n) -> new DemoDoctor(rs.getObject("id", UUID.class), rs.getString("full_name")))
                .list();
        assertThat(doctors).as("the demo data set").hasSizeGreaterThan(100);
        var random = new Random(20261202);
        var tried = new TreeMap<String, int[]>();
        var misses = new ArrayList<String>();
        int found = 0;
        int total = 0;
        for (var doctor : doctors) {
            List<String> words = new ArrayList<>();
            for (var word : doctor.fullName().split("\\s+")) {
                if (word.codePointCount(0, word.length()) >= 5 && word.chars().allMatch(Character::isLetter)) {
                    words.add(word);
                }
            }
            if (words.isEmpty()) {
                continue;
            }
            for (var edit : Edit.values()) {
                // every edit kind for every doctor; the words take turns, so each long word meets some kind
                var word = words.get((edit.ordinal() + total) % words.size());
                var typo = typo(word, edit, random);
                var hit = firstPageHolds(typo, doctor.id());
                var script = word.chars().anyMatch(ch -> ch > 127) ? "Cyrillic" : "Latin";
                var counts = tried.computeIfAbsent(script + " " + edit, k -> new int[2]);
                counts[0]++;
                total++;
                if (hit) {
                    counts[1]++;
                    found++;
                } else {
                    misses.add(typo + " (" + doctor.fullName() + ")");
                }
            }
        }
        var share = 100.0 * found / total;
        System.out.printf(
                "Typo tolerance: %d of %d one-edit typos (%.1f %%) found their doctor on the first page%n",
                found, total, share);
        tried.forEach((kind, counts) -> System.out.printf("  %-22s %4d of %4d%n", kind, counts[1], counts[0]));
        System.out.println("  missed, first 20: " + misses.subList(0, Math.min(20, misses.size())));
        assertThat(tried).as("every edit kind in both scripts").hasSize(8);
        assertThat(share).as("share found on the first page, %").isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void theTwoReportedTyposFindTheirDoctors() {
        var f = fixture();
        var swaniawski = createDoctor("Lorenzo Swaniawski", f.specialty(), f.clinicId());
        var franecki = createDoctor("Emil Franecki", f.specialty(), f.clinicId());

        assertThat(firstPageHolds("Swaniowski", swaniawski)).as("Swaniowski").isTrue();
        assertThat(firstPageHolds("Franocki", franecki)).as("Franocki").isTrue();
        assertThat(firstPageHolds("franecki", franecki)).as("as typed").isTrue();
    }
}
