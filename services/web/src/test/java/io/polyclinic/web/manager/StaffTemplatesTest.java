package io.polyclinic.web.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.web.admin.AdminViews;
import io.polyclinic.web.manager.ManagerViews.ClinicDay;
import io.polyclinic.web.manager.ManagerViews.ClinicRef;
import io.polyclinic.web.manager.ManagerViews.DayAppointment;
import io.polyclinic.web.manager.ManagerViews.Doctor;
import io.polyclinic.web.manager.ManagerViews.Slot;
import io.polyclinic.web.manager.ManagerViews.SpecialtyRef;
import io.polyclinic.web.view.TemplateRenderer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The staff templates rendered by Thymeleaf as the web service renders them (the layout, both message bundles, the
 * {@code @fmt} formats), with text a person typed that holds markup: it must come out escaped, in both languages.
 */
class StaffTemplatesTest {

    private static final String MARKUP = "<script>alert('x')</script>";
    private static final UUID CLINIC = UUID.randomUUID();
    private static final UUID DOCTOR = UUID.randomUUID();

    private final TemplateRenderer pages =
            new TemplateRenderer("/manage", "ADMIN", List.of("messages_admin"), Map.of());

    private String render(String template, Locale locale, Map<String, Object> model) {
        return pages.render(template, locale, model);
    }

    private static Doctor doctor() {
        return new Doctor(
                DOCTOR,
                "Dr. " + MARKUP,
                List.of(new SpecialtyRef("therapist", "Therapist")),
                "ACTIVE",
                List.of(new ClinicRef(CLINIC, "Clinic " + MARKUP, "Moscow", "Europe/Moscow")),
                4.5,
                2,
                MARKUP,
                7,
                null);
    }

    @Test
    void theScheduleShowsSlotsInTheClinicsZoneAndEscapesNames() {
        var start = Instant.parse("2026-12-07T06:00:00Z");
        var plan = new HashMap<String, Object>();
        plan.put("days", List.of("MONDAY"));
        plan.put("clinicId", CLINIC.toString());
        var model = Map.<String, Object>of(
                "doctor", doctor(),
                "slots",
                        List.of(new Slot(
                                UUID.randomUUID(), DOCTOR, CLINIC, start, start.plusSeconds(1800), "AVAILABLE")),
                "more", false,
                "from", LocalDate.parse("2026-12-07"),
                "to", LocalDate.parse("2026-12-20"),
                "plan", plan,
                "weekDays", DayOfWeek.values(),
                "errors", Map.of("slotMinutes", "must be at least 5 " + MARKUP));
        for (var locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"))) {
            var html = render("manager/slots", locale, model);
            assertThat(html).doesNotContain(MARKUP).contains("&lt;script&gt;");
            assertThat(html).as("9:00 in Moscow").contains("9:00").contains("Europe/Moscow");
            assertThat(html).contains("slotMinutes-error");
        }
        assertThat(render("manager/slots", Locale.forLanguageTag("ru"), model)).contains("Создать слоты");
    }

    @Test
    void theDayAndTheFormsRenderInBothLanguagesWithEscapedInput() {
        var start = Instant.parse("2026-12-07T06:00:00Z");
        var day = new ClinicDay(
                CLINIC,
                "Clinic " + MARKUP,
                "Asia/Vladivostok",
                LocalDate.parse("2026-12-07"),
                new PageView<>(
                        List.of(new DayAppointment(
                                UUID.randomUUID(),
                                DOCTOR,
                                "Dr. X",
                                UUID.randomUUID(),
                                MARKUP,
                                start,
                                start.plusSeconds(1800),
                                "BOOKED")),
                        0,
                        100,
                        1,
                        1));
        var form = new HashMap<String, String>();
        form.put("fullName", MARKUP);
        for (var locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"))) {
            var dayHtml = render(
                    "manager/day",
                    locale,
                    Map.of(
                            "day",
                            day,
                            "previous",
                            day.date().minusDays(1),
                            "next",
                            day.date().plusDays(1)));
            assertThat(dayHtml)
                    .doesNotContain(MARKUP)
                    .as("06:00 UTC is 16:00 in Vladivostok")
                    .contains(locale.getLanguage().equals("ru") ? "16:00" : "4:00")
                    .contains("Asia/Vladivostok");
            var formHtml = render(
                    "manager/doctor-form",
                    locale,
                    Map.of(
                            "form", form,
                            "chosenSpecialties", List.of(),
                            "chosenClinics", List.of(),
                            "specialties", List.of(new ManagerViews.Specialty("therapist", "Терапевт", "Therapist")),
                            "clinics", List.of(),
                            "errors", Map.of("fullName", "must not be blank")));
            assertThat(formHtml)
                    .doesNotContain(MARKUP)
                    .contains("fullName-error")
                    .contains("must not be blank");
        }
    }

    @Test
    void everyOtherStaffPageRendersInBothLanguages() {
        var now = Instant.parse("2026-12-07T06:00:00Z");
        var clinic = new ManagerViews.Clinic(CLINIC, MARKUP, "Street 1", "Moscow", 55.7, 37.6, "Europe/Moscow", "+7");
        var user = new AdminViews.User(UUID.randomUUID(), "u@test", MARKUP, List.of("PATIENT"), List.of(CLINIC));
        var review = new AdminViews.Review(UUID.randomUUID(), DOCTOR, "Dr. X", 1, MARKUP, now, now, MARKUP);
        var record = new AdminViews.AuditRecord(
                UUID.randomUUID(),
                7,
                now,
                "booking",
                UUID.randomUUID(),
                "REVIEW_HIDDEN",
                "review",
                "1",
                null,
                null,
                null);
        var job = new AdminViews.Verification(
                UUID.randomUUID(),
                "BROKEN",
                5,
                10,
                4,
                new AdminViews.Broken(3, UUID.randomUUID(), "HASH_MISMATCH"),
                now,
                now);
        var order = Map.of(
                "order_uid", MARKUP,
                "delivery", Map.of("name", "N", "phone", "+1", "zip", "1", "city", "C", "address", "A"),
                "payment", Map.of("amount", 10, "currency", "USD", "provider", "p", "bank", "b"),
                "items", List.of(Map.of("name", MARKUP, "brand", "b", "price", 1, "total_price", 1, "status", 202)));
        var pages = new java.util.LinkedHashMap<String, Map<String, Object>>();
        pages.put("manager/home", Map.of());
        pages.put("manager/clinics", Map.of("clinics", new PageView<>(List.of(clinic), 0, 50, 60, 2)));
        pages.put("manager/clinic-form", Map.of("form", Map.of("name", MARKUP), "errors", Map.of()));
        pages.put(
                "manager/doctors",
                Map.of("doctors", new PageView<>(List.of(doctor()), 1, 20, 41, 3), "clinics", doctor().clinics()));
        pages.put(
                "admin/specialties",
                Map.of(
                        "specialties",
                        List.of(new ManagerViews.Specialty("t", MARKUP, "T")),
                        "form",
                        Map.of(),
                        "errors",
                        Map.of()));
        pages.put("admin/reviews", Map.of("reviews", new PageView<>(List.of(review), 0, 20, 1, 1), "show", "all"));
        pages.put("admin/users", Map.of("users", new PageView<>(List.of(user), 0, 20, 1, 1)));
        pages.put(
                "admin/user",
                Map.of(
                        "user",
                        user,
                        "roles",
                        List.of("PATIENT", "ADMIN"),
                        "clinics",
                        List.of(clinic),
                        "userClinics",
                        java.util.Set.of(CLINIC),
                        "errors",
                        Map.of()));
        pages.put(
                "admin/audit",
                Map.of(
                        "records",
                        new PageView<>(List.of(record), 0, 50, 51, 2),
                        "filters",
                        Map.of("action", MARKUP),
                        "zone",
                        "Europe/Moscow"));
        pages.put("admin/verification", Map.of("job", job));
        pages.put("admin/orders", Map.of("order", order, "orderUid", MARKUP));
        for (var locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"))) {
            for (var page : pages.entrySet()) {
                var html = render(page.getKey(), locale, page.getValue());
                assertThat(html).as(page.getKey()).doesNotContain(MARKUP).contains("<h1>");
            }
        }
    }
}
