package io.polyclinic.booking.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A doctor's work phone and email over the admin API and on the public card: set on register, kept by an edit that
 * leaves them out, cleared by {@code ""}, refused in a wrong shape.
 */
class DoctorContactsApiTest extends BookingApiTest {

    private Map<String, Object> doctor(String specialty, UUID clinic, Map<String, Object> contacts) {
        var body = new HashMap<String, Object>(Map.of(
                "fullName", "Contacts " + next(), "specialties", List.of(specialty), "clinicIds", List.of(clinic)));
        body.putAll(contacts);
        return body;
    }

    @Test
    void theWorkPhoneAndEmailAreOnTheAdminAnswerAndThePublicCard() {
        var specialty = createSpecialty();
        var clinic = createClinic("Москва", "Europe/Moscow");

        var created = post(
                "/api/v1/admin/doctors",
                admin,
                doctor(specialty, clinic, Map.of("phone", "+74951234567", "email", "ivanova@clinic.example")));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.text("phone")).isEqualTo("+74951234567");
        assertThat(created.text("email")).isEqualTo("ivanova@clinic.example");
        var card = get("/api/v1/doctors/" + created.text("id"), null);
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.text("phone")).isEqualTo("+74951234567");
        assertThat(card.text("email")).isEqualTo("ivanova@clinic.example");
    }

    @Test
    void anEditWithoutContactsKeepsThemAndAnEmptyOneClearsIt() {
        var specialty = createSpecialty();
        var clinic = createClinic("Москва", "Europe/Moscow");
        var id = post(
                        "/api/v1/admin/doctors",
                        admin,
                        doctor(specialty, clinic, Map.of("phone", "+74951234567", "email", "a@clinic.example")))
                .text("id");

        var kept = put("/api/v1/admin/doctors/" + id, admin, doctor(specialty, clinic, Map.of()));
        assertThat(kept.status()).as(kept.raw().body()).isEqualTo(200);
        assertThat(kept.text("phone")).isEqualTo("+74951234567");
        assertThat(kept.text("email")).isEqualTo("a@clinic.example");

        var changed = put(
                "/api/v1/admin/doctors/" + id,
                admin,
                doctor(specialty, clinic, Map.of("phone", "", "email", "b@c.example")));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.body().get("phone").isNull()).isTrue();
        assertThat(changed.text("email")).isEqualTo("b@c.example");
        var card = get("/api/v1/doctors/" + id, null);
        assertThat(card.body().get("phone").isNull()).isTrue();
        assertThat(card.text("email")).isEqualTo("b@c.example");
    }

    @Test
    void aPhoneNotInE164OrAMalformedEmailIs400NamingTheField() {
        var specialty = createSpecialty();
        var clinic = createClinic("Москва", "Europe/Moscow");

        var phone = post(
                        "/api/v1/admin/doctors", admin, doctor(specialty, clinic, Map.of("phone", "8 (495) 123-45-67")))
                .isProblem(400, "validation-failed");
        assertThat(phone.body().get("errors").get(0).get("field").asString()).isEqualTo("phone");
        var email = post("/api/v1/admin/doctors", admin, doctor(specialty, clinic, Map.of("email", "no at sign")))
                .isProblem(400, "validation-failed");
        assertThat(email.body().get("errors").get(0).get("field").asString()).isEqualTo("email");
        var longEmail = "a".repeat(60) + "@" + "b".repeat(300) + ".example";
        post("/api/v1/admin/doctors", admin, doctor(specialty, clinic, Map.of("email", longEmail)))
                .isProblem(400, "validation-failed");
    }
}
