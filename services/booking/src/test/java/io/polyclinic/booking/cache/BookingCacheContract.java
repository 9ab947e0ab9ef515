package io.polyclinic.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.platform.id.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a user notices of the doctor card and search cache, whatever stores it: a cached answer keeps being served
 * (proved by changing a row behind the service's back), and every write through the API shows at once.
 */
abstract class BookingCacheContract extends BookingApiTest {

    protected JsonNode card(UUID doctor) {
        var response = get("/api/v1/doctors/" + doctor, null);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    protected JsonNode firstHit(String specialty) {
        return get("/api/v1/doctors?specialty=" + specialty, null).items().get(0);
    }

    protected static String nearestSlot(JsonNode doctor) {
        var slot = doctor.get("nearestFreeSlot");
        return slot.isNull() ? null : slot.get("id").asString();
    }

    /** Changes a doctor's name in the database only: the cache cannot know. */
    protected void renameBehindTheServicesBack(UUID doctor, String name) {
        jdbc.sql("update doctors set full_name = ? where id = ?")
                .params(name, doctor)
                .update();
    }

    /** The Prometheus scrape (text, not JSON). */
    protected String prometheus() {
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCardIsServedFromTheCacheUntilAStatusChangeEvictsIt() {
        var f = fixture();
        var name = card(f.doctorId()).get("fullName").asString();
        renameBehindTheServicesBack(f.doctorId(), "Renamed " + next());
        assertThat(card(f.doctorId()).get("fullName").asString())
                .as("served from the cache")
                .isEqualTo(name);

        patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ON_LEAVE"));

        var fresh = card(f.doctorId());
        assertThat(fresh.get("status").asString()).isEqualTo("ON_LEAVE");
        assertThat(fresh.get("fullName").asString()).startsWith("Renamed");
    }

    @Test
    void aSearchPageIsServedFromTheCacheUntilADoctorEditEvictsIt() {
        var f = fixture();
        var name = firstHit(f.specialty()).get("fullName").asString();
        renameBehindTheServicesBack(f.doctorId(), "Renamed " + next());
        assertThat(firstHit(f.specialty()).get("fullName").asString()).isEqualTo(name);

        var edited = put(
                "/api/v1/admin/doctors/" + f.doctorId(),
                admin,
                Map.of(
                        "fullName",
                        "Edited " + next(),
                        "specialties",
                        List.of(f.specialty()),
                        "clinicIds",
                        List.of(f.clinicId())));
        assertThat(edited.status()).isEqualTo(200);

        assertThat(firstHit(f.specialty()).get("fullName").asString()).startsWith("Edited");
        assertThat(card(f.doctorId()).get("fullName").asString()).startsWith("Edited");
    }

    @Test
    void bookingTheNearestSlotMakesSearchAndCardShowTheNextOneAndCancellingBringsItBack() {
        var f = fixture();
        var first = createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30));
        var second = createSlot(f.doctorId(), f.clinicId(), hoursAhead(54), Duration.ofMinutes(30));
        assertThat(nearestSlot(firstHit(f.specialty()))).isEqualTo(first.toString());
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(first.toString());

        var patient = patientToken(Ids.newId());
        var booked = post("/api/v1/appointments", patient, Map.of("slotId", first));
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);

        assertThat(nearestSlot(firstHit(f.specialty()))).isEqualTo(second.toString());
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(second.toString());

        var cancelled = post("/api/v1/appointments/" + booked.text("id") + "/cancel", patient, Map.of());
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);

        assertThat(nearestSlot(firstHit(f.specialty()))).isEqualTo(first.toString());
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(first.toString());
    }

    @Test
    void slotWritesShowAtOnceInSearchAndCard() {
        var f = fixture();
        var first = createSlot(f.doctorId(), f.clinicId(), hoursAhead(30), Duration.ofMinutes(30));
        var second = createSlot(f.doctorId(), f.clinicId(), hoursAhead(54), Duration.ofMinutes(30));
        assertThat(nearestSlot(firstHit(f.specialty()))).isEqualTo(first.toString());
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(first.toString());

        post("/api/v1/admin/slots/" + first + "/block", admin, null);
        assertThat(nearestSlot(firstHit(f.specialty()))).isEqualTo(second.toString());
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(second.toString());

        post("/api/v1/admin/slots/" + first + "/unblock", admin, null);
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(first.toString());

        assertThat(delete("/api/v1/admin/slots/" + first, admin).status()).isEqualTo(204);
        assertThat(nearestSlot(firstHit(f.specialty()))).isEqualTo(second.toString());
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(second.toString());

        var earlier = createSlot(f.doctorId(), f.clinicId(), hoursAhead(26), Duration.ofMinutes(30));
        assertThat(nearestSlot(firstHit(f.specialty()))).isEqualTo(earlier.toString());
        assertThat(nearestSlot(card(f.doctorId()))).isEqualTo(earlier.toString());
    }

    @Test
    void aWorkingPlanShowsItsFirstSlotAtOnce() {
        var f = fixture();
        assertThat(nearestSlot(card(f.doctorId()))).isNull();
        assertThat(nearestSlot(firstHit(f.specialty()))).isNull();
        var day = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(3);
        var plan = post(
                "/api/v1/admin/doctors/" + f.doctorId() + "/working-plans",
                admin,
                Map.of(
                        "clinicId", f.clinicId(),
                        "from", day.toString(),
                        "to", day.toString(),
                        "days", List.of(day.getDayOfWeek().name()),
                        "startTime", "09:00",
                        "endTime", "10:00",
                        "slotMinutes", 30));
        assertThat(plan.status()).as(plan.raw().body()).isEqualTo(201);

        var start = day.atTime(9, 0).atZone(ZoneId.of("Europe/Moscow")).toInstant();
        assertThat(card(f.doctorId()).get("nearestFreeSlot").get("start").asString())
                .isEqualTo(start.toString());
        assertThat(firstHit(f.specialty()).get("nearestFreeSlot").get("start").asString())
                .isEqualTo(start.toString());
    }

    @Test
    void clinicAndSpecialtyEditsShowOnCachedCards() {
        var f = fixture();
        card(f.doctorId());
        firstHit(f.specialty());
        var clinic = put(
                "/api/v1/admin/clinics/" + f.clinicId(),
                admin,
                Map.of(
                        "name",
                        "Renamed clinic " + next(),
                        "address",
                        "New street 1",
                        "city",
                        "Москва",
                        "latitude",
                        55.7,
                        "longitude",
                        37.6,
                        "timeZone",
                        "Europe/Moscow"));
        assertThat(clinic.status()).as(clinic.raw().body()).isEqualTo(200);
        assertThat(card(f.doctorId()).get("clinics").get(0).get("name").asString())
                .startsWith("Renamed clinic");
        assertThat(firstHit(f.specialty()).get("clinics").get(0).get("name").asString())
                .startsWith("Renamed clinic");

        var specialty = put(
                "/api/v1/admin/specialties/" + f.specialty(),
                admin,
                Map.of("nameRu", "Новое имя", "nameEn", "New name"));
        assertThat(specialty.status()).as(specialty.raw().body()).isEqualTo(200);
        assertThat(card(f.doctorId()).get("specialties").get(0).get("name").asString())
                .isEqualTo("New name");
    }

    @Test
    void cacheHitsMissesAndSearchLatencyAreMetrics() {
        var f = fixture();
        card(f.doctorId());
        card(f.doctorId());
        firstHit(f.specialty());
        firstHit(f.specialty());

        var text = prometheus();
        assertThat(text).containsPattern("cache_gets_total\\{[^}]*cache=\"doctor-cards\"[^}]*result=\"hit\"");
        assertThat(text).containsPattern("cache_gets_total\\{[^}]*cache=\"doctor-cards\"[^}]*result=\"miss\"");
        assertThat(text).containsPattern("cache_gets_total\\{[^}]*cache=\"doctor-searches\"[^}]*result=\"hit\"");
        assertThat(text).contains("polyclinic_search_latency_seconds_bucket");
    }
}
