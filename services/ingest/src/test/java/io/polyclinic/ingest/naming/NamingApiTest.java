package io.polyclinic.ingest.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.ingest.IngestTest;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The naming table over {@code /api/v1/naming}, and the header mapping it drives. */
class NamingApiTest extends IngestTest {

    @Autowired
    NamingService naming;

    @Autowired
    DatasetCatalog catalog;

    @Test
    void everySeededSpellingIsStoredInItsNormalForm() {
        var rows = jdbc.sql("select spelling, normalized from naming_spellings")
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2)))
                .list();
        assertThat(rows).hasSizeGreaterThan(100);
        rows.forEach(row -> assertThat(HeaderNormalizer.normalize(row.get(0)))
                .as(row.get(0))
                .isEqualTo(row.get(1)));
    }

    @Test
    void messyRussianAndEnglishHeadersMapToTheirFields() {
        var mapping = naming.map(
                catalog.get("clinic_visits"),
                List.of("  МЕСЯЦ ", "Клиника", "", "Отделение", "ФИO врачa", "Кол-во посещений", "Revenue", "Заметки"));

        assertThat(mapping.columnsByField())
                .containsEntry("month", 0)
                .containsEntry("clinic", 1)
                .containsEntry("department", 3)
                .containsEntry("doctor", 4)
                .containsEntry("visits", 5)
                .containsEntry("revenue", 6);
        assertThat(mapping.unknownHeaders()).containsExactly("Заметки");
        assertThat(mapping.missingFields()).isEmpty();
    }

    @Test
    void anUnknownHeaderGetsTheClosestFieldAndAMissingRequiredFieldIsNamed() {
        var mapping = naming.map(catalog.get("doctors"), List.of("Табельный номер", "ФИО", "Специалность"));

        var unknown = mapping.columns().get(2);
        assertThat(unknown.field()).isNull();
        assertThat(unknown.suggestedField()).isEqualTo("specialty");
        assertThat(mapping.missingFields()).containsExactly("specialty", "clinic");
    }

    @Test
    void aManagerAddsChangesAndDeletesASpellingAndEachChangeIsAudited() throws Exception {
        var managerId = UUID.randomUUID();
        var manager = io.polyclinic.testkit.jwt.TestJwtIssuer.shared()
                .tokenWithClinics(managerId, "m@test", List.of(UUID.randomUUID()), "CLINIC_MANAGER");
        var spelling = "Выручка за месяц " + UUID.randomUUID().toString().substring(0, 8);

        var created = send(
                "POST",
                "/api/v1/naming",
                manager,
                "{\"dataset\":\"clinic_visits\",\"spelling\":\"" + spelling + "\",\"field\":\"revenue\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        var id = json(created).get("id").asString();
        assertThat(naming.map(catalog.get("clinic_visits"), List.of(spelling.toUpperCase()))
                        .columnsByField())
                .containsKey("revenue");

        var again = send(
                "POST",
                "/api/v1/naming",
                manager,
                "{\"dataset\":\"clinic_visits\",\"spelling\":\"" + spelling.toLowerCase()
                        + "!\",\"field\":\"visits\"}");
        assertThat(again.statusCode()).isEqualTo(409);

        var changed = send("PUT", "/api/v1/naming/" + id, manager, "{\"field\":\"visits\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).get("field").asString()).isEqualTo("visits");

        assertThat(send("DELETE", "/api/v1/naming/" + id, manager, "").statusCode())
                .isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/naming/" + id, manager, "").statusCode())
                .isEqualTo(404);

        var audited = jdbc.sql(
                        "select payload::text from outbox where destination = 'audit' and msg_key = ?" + " order by id")
                .param(id)
                .query(String.class)
                .list();
        if (audited.isEmpty()) {
            audited = jdbc.sql("select payload::text from outbox where destination = 'audit' and payload::text like ?")
                    .param("%" + id + "%")
                    .query(String.class)
                    .list();
        }
        assertThat(String.join("\n", audited))
                .contains("NAMING_SPELLING_ADDED", "NAMING_SPELLING_CHANGED", "NAMING_SPELLING_DELETED")
                .contains(managerId.toString());
    }

    @Test
    void anUnknownFieldOrDatasetIsA400AndAPatientIsRefused() throws Exception {
        var badField = send(
                "POST", "/api/v1/naming", admin, "{\"dataset\":\"doctors\",\"spelling\":\"X\",\"field\":\"salary\"}");
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(json(badField).get("detail").asString()).contains("full_name");
        assertThat(get("/api/v1/naming?dataset=nope", admin).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/naming?dataset=doctors", patient).statusCode()).isEqualTo(403);

        var page = get("/api/v1/naming?dataset=slots&size=5", admin);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json(page).get("items")).hasSize(5);
        assertThat(json(page).get("totalItems").asLong()).isGreaterThan(20);
    }
}
