package io.polyclinic.booking.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClinicApiTest extends BookingApiTest {

    private Map<String, Object> clinic(String name, String city, String zone) {
        return Map.of(
                "name",
                name,
                "address",
                "Tverskaya 1",
                "city",
                city,
                "latitude",
                55.75,
                "longitude",
                37.61,
                "timeZone",
                zone);
    }

    @Test
    void anAdminCreatesGetsUpdatesAndListsClinics() {
        var city = "City" + next();
        var created = post("/api/v1/admin/clinics", admin, clinic("Alpha", city, "Asia/Vladivostok"));
        assertThat(created.status()).isEqualTo(201);
        var id = created.text("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/admin/clinics/" + id);
        assertThat(created.text("timeZone")).isEqualTo("Asia/Vladivostok");

        var updated = put("/api/v1/admin/clinics/" + id, admin, clinic("Alpha 2", city, "Europe/Moscow"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(get("/api/v1/clinics/" + id, null).text("name")).isEqualTo("Alpha 2");
        assertThat(get("/api/v1/admin/clinics/" + id, admin).text("timeZone")).isEqualTo("Europe/Moscow");

        post("/api/v1/admin/clinics", admin, clinic("Beta", city.toUpperCase(), "Europe/Moscow"));
        var page = get("/api/v1/clinics?city=" + city.toLowerCase() + "&size=1", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("totalItems").asInt()).isEqualTo(2);
        assertThat(page.body().get("totalPages").asInt()).isEqualTo(2);
        assertThat(page.body().get("items").size()).isEqualTo(1);
        assertThat(get("/api/v1/admin/clinics?city=" + city, admin)
                        .body()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void anUnknownTimeZoneIsA400() {
        post("/api/v1/admin/clinics", admin, clinic("Bad", "X", "Mars/Olympus")).isProblem(400, "invalid-request");
        post("/api/v1/admin/clinics", admin, clinic("Bad", "X", "+03:00")).isProblem(400, "invalid-request");
    }

    @Test
    void aZoneJavaKnowsButPostgresqlDoesNotIsA400OnCreateAndUpdate() {
        var created = post("/api/v1/admin/clinics", admin, clinic("Sys", "X", "SystemV/AST4"))
                .isProblem(400, "invalid-request");
        assertThat(created.body().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");

        var id = post("/api/v1/admin/clinics", admin, clinic("Sys", "X", "Europe/Moscow"))
                .text("id");
        put("/api/v1/admin/clinics/" + id, admin, clinic("Sys", "X", "SystemV/AST4"))
                .isProblem(400, "invalid-request");
        assertThat(get("/api/v1/clinics/" + id, null).text("timeZone")).isEqualTo("Europe/Moscow");
    }

    @Test
    void badInputIsA400Problem() {
        send("POST", "/api/v1/admin/clinics", admin, "{\"name\":", "application/json")
                .isProblem(400, "malformed-body");
        var unknown = new java.util.HashMap<String, Object>(clinic("A", "B", "Europe/Moscow"));
        unknown.put("rating", 5);
        post("/api/v1/admin/clinics", admin, unknown).isProblem(400, "malformed-body");
        var wrongType = new java.util.HashMap<String, Object>(clinic("A", "B", "Europe/Moscow"));
        wrongType.put("latitude", "north");
        post("/api/v1/admin/clinics", admin, wrongType).isProblem(400, "malformed-body");
        var tooLong = new java.util.HashMap<String, Object>(clinic("x".repeat(201), "B", "Europe/Moscow"));
        var problem = post("/api/v1/admin/clinics", admin, tooLong).isProblem(400, "validation-failed");
        assertThat(problem.body().get("errors").get(0).get("field").asString()).isEqualTo("name");
        var outOfRange = new java.util.HashMap<String, Object>(clinic("A", "B", "Europe/Moscow"));
        outOfRange.put("latitude", 91);
        post("/api/v1/admin/clinics", admin, outOfRange).isProblem(400, "validation-failed");
        get("/api/v1/clinics?size=101", null).isProblem(400, null);
        get("/api/v1/clinics/not-a-uuid", null).isProblem(400, "invalid-parameter");
        get("/api/v1/clinics?page=x", null).isProblem(400, "invalid-parameter");
    }

    @Test
    void aWrongContentTypeIsA415AndAHugeBodyA413() {
        send("POST", "/api/v1/admin/clinics", admin, "name=x", "text/plain").isProblem(415, null);
        var huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        var response = send("POST", "/api/v1/admin/clinics", admin, huge, "application/json");
        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void missingExpiredOrForgedTokensAre401() {
        var body = clinic("A", "B", "Europe/Moscow");
        post("/api/v1/admin/clinics", null, body).isProblem(401, null);
        post("/api/v1/admin/clinics", TestJwtIssuer.shared().expiredToken(adminId, "ADMIN"), body)
                .isProblem(401, null);
        post("/api/v1/admin/clinics", TestJwtIssuer.shared().forgedToken(adminId, "ADMIN"), body)
                .isProblem(401, null);
        post("/api/v1/admin/clinics", TestJwtIssuer.shared().tokenForAudience("other", adminId, "ADMIN"), body)
                .isProblem(401, null);
    }

    @Test
    void patientsAndManagersCannotCreateClinics() {
        var body = clinic("A", "B", "Europe/Moscow");
        post("/api/v1/admin/clinics", patientToken(Ids.newId()), body).isProblem(403, null);
        get("/api/v1/admin/clinics", patientToken(Ids.newId())).isProblem(403, null);
        post("/api/v1/admin/clinics", managerToken(Ids.newId()), body).isProblem(403, null);
    }

    @Test
    void aManagerUpdatesOnlyTheClinicsAssignedToThem() {
        var own = createClinic("Казань", "Europe/Moscow");
        var other = createClinic("Казань", "Europe/Moscow");
        var manager = managerToken(Ids.newId(), own);

        assertThat(put("/api/v1/admin/clinics/" + own, manager, clinic("Mine", "Казань", "Europe/Moscow"))
                        .status())
                .isEqualTo(200);
        put("/api/v1/admin/clinics/" + other, manager, clinic("Theirs", "Казань", "Europe/Moscow"))
                .isProblem(403, "not-clinic-manager");
    }

    @Test
    void managerAssignmentIsNoLongerBookingsAndItsTableIsGone() {
        var clinic = createClinic("Казань", "Europe/Moscow");

        put("/api/v1/admin/clinics/" + clinic + "/managers", admin, Map.of("userIds", List.of(Ids.newId())))
                .isProblem(404, null);
        get("/api/v1/admin/clinics/" + clinic + "/managers", admin).isProblem(404, null);
        assertThat(jdbc.sql("select to_regclass('clinic_managers') is null")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void unknownClinicsAre404() {
        get("/api/v1/clinics/" + Ids.newId(), null).isProblem(404, "not-found");
        put("/api/v1/admin/clinics/" + Ids.newId(), admin, clinic("A", "B", "Europe/Moscow"))
                .isProblem(404, "not-found");
    }

    @Test
    void scriptAndSqlInNamesAreStoredAndReturnedVerbatim() {
        var name = "<script>alert('x')</script>'; drop table clinics; --";
        var created = post("/api/v1/admin/clinics", admin, clinic(name, "Evil", "Europe/Moscow"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(get("/api/v1/clinics/" + created.text("id"), null).text("name"))
                .isEqualTo(name);
        assertThat(created.contentType()).startsWith("application/json");
        assertThat(jdbc.sql("select count(*) from clinics").query(Long.class).single())
                .isPositive();
    }

    @Test
    void specialtiesAreCreatedRenamedAndListedPublicly() {
        var code = "spec-" + Ids.newId().toString().substring(0, 8);
        var created = post(
                "/api/v1/admin/specialties", admin, Map.of("code", code, "nameRu", "Кардиолог", "nameEn", "Cardio"));
        assertThat(created.status()).isEqualTo(201);
        post("/api/v1/admin/specialties", admin, Map.of("code", code, "nameRu", "Я", "nameEn", "Me"))
                .isProblem(409, "specialty-exists");
        post("/api/v1/admin/specialties", admin, Map.of("code", "Bad Code", "nameRu", "Я", "nameEn", "Me"))
                .isProblem(400, "validation-failed");
        post("/api/v1/admin/specialties", patientToken(Ids.newId()), Map.of("code", "x", "nameRu", "Я", "nameEn", "Me"))
                .isProblem(403, null);
        var renamed = put(
                "/api/v1/admin/specialties/" + code, admin, Map.of("nameRu", "Кардиолог", "nameEn", "Cardiologist"));
        assertThat(renamed.text("nameEn")).isEqualTo("Cardiologist");
        put("/api/v1/admin/specialties/unknown-" + code, admin, Map.of("nameRu", "Я", "nameEn", "Me"))
                .isProblem(404, null);
        var names = new java.util.HashMap<String, String>();
        var list = get("/api/v1/specialties", null);
        for (int page = 0; page < list.body().get("totalPages").asInt(); page++) {
            get("/api/v1/specialties?page=" + page, null)
                    .items()
                    .forEach(s ->
                            names.put(s.get("code").asString(), s.get("nameEn").asString()));
        }
        assertThat(names).containsEntry(code, "Cardiologist");
    }
}
