package io.polyclinic.web.patient;

import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.web.api.ApiClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * The booking API as the patient pages use it (search, card, slots, reviews, appointments), with the shapes they read.
 * Every method throws {@link io.polyclinic.web.api.ApiException} for an error answer.
 */
@Component
public class BookingApi {

    private final ApiClient api;

    public BookingApi(ApiClient api) {
        this.api = api;
    }

    /** {@code GET /api/v1/doctors} with the search's filters (blank ones left out). */
    public PageResponse<Doctor> search(SearchForm form) {
        var parameters = form.queryParameters();
        var template = new StringBuilder("/api/v1/doctors");
        var separator = '?';
        for (var name : parameters.keySet()) {
            template.append(separator).append(name).append("={").append(name).append('}');
            separator = '&';
        }
        return api.get(template.toString(), parameters, new ParameterizedTypeReference<PageResponse<Doctor>>() {});
    }

    public List<Specialty> specialties() {
        return api.get("/api/v1/specialties?size=100", new ParameterizedTypeReference<PageResponse<Specialty>>() {})
                .items();
    }

    public Doctor card(UUID doctorId) {
        return api.get("/api/v1/doctors/" + doctorId, Doctor.class);
    }

    /**
     * Free slots of the doctor from {@code from} to {@code to} (local dates of the clinics, inclusive), by start; at
     * most {@link #MAX_SLOT_PAGES} pages of 100.
     */
    public List<Slot> freeSlots(UUID doctorId, LocalDate from, LocalDate to) {
        var slots = new java.util.ArrayList<Slot>();
        for (int page = 0; page < MAX_SLOT_PAGES; page++) {
            var result = api.get(
                    "/api/v1/doctors/" + doctorId + "/slots?from=" + from + "&to=" + to + "&size=100&page=" + page,
                    new ParameterizedTypeReference<PageResponse<Slot>>() {});
            slots.addAll(result.items());
            if (page + 1 >= result.totalPages()) {
                break;
            }
        }
        return slots;
    }

    /** The most pages of free slots one page of the site reads. */
    static final int MAX_SLOT_PAGES = 2;

    public PageResponse<Review> reviews(UUID doctorId, int page) {
        return api.get(
                "/api/v1/doctors/" + doctorId + "/reviews?size=10&page=" + page,
                new ParameterizedTypeReference<PageResponse<Review>>() {});
    }

    /**
     * Books the slot; {@code trackerSessionId} (already valid, or null) attributes the booking to the tracked visit it
     * came from.
     */
    public Appointment book(UUID slotId, @Nullable String trackerSessionId) {
        var body = new java.util.HashMap<String, Object>();
        body.put("slotId", slotId);
        if (trackerSessionId != null) {
            body.put("trackerSessionId", trackerSessionId);
        }
        return api.post("/api/v1/appointments", body, Appointment.class);
    }

    /** {@code scope} is {@code upcoming} or {@code past}. */
    public PageResponse<Appointment> mine(String scope, int page) {
        return api.get(
                "/api/v1/appointments/me?size=20&scope=" + scope + "&page=" + page,
                new ParameterizedTypeReference<PageResponse<Appointment>>() {});
    }

    public Appointment appointment(UUID id) {
        return api.get("/api/v1/appointments/" + id, Appointment.class);
    }

    public Appointment cancel(UUID id) {
        return api.post("/api/v1/appointments/" + id + "/cancel", Map.of(), Appointment.class);
    }

    public Appointment reschedule(UUID id, UUID slotId) {
        return api.post("/api/v1/appointments/" + id + "/reschedule", Map.of("slotId", slotId), Appointment.class);
    }

    public void review(UUID doctorId, UUID appointmentId, int rating, @Nullable String text) {
        var body = new java.util.HashMap<String, Object>();
        body.put("appointmentId", appointmentId);
        body.put("rating", rating);
        if (text != null && !text.isBlank()) {
            body.put("text", text);
        }
        api.post("/api/v1/doctors/" + doctorId + "/reviews", body, null);
    }

    /** A doctor as a search hit or card (the card adds bio, experience, and the work phone in E.164 and email). */
    public record Doctor(
            UUID id,
            String fullName,
            List<SpecialtyRef> specialties,
            String status,
            List<ClinicRef> clinics,
            double rating,
            int reviewCount,
            @Nullable NearestSlot nearestFreeSlot,
            @Nullable Double distanceKm,
            @Nullable String bio,
            @Nullable Integer experienceYears,
            @Nullable String phone,
            @Nullable String email) {

        /** The clinic with this id among the doctor's, or the first. */
        public @Nullable ClinicRef clinic(@Nullable UUID clinicId) {
            return clinics.stream()
                    .filter(c -> c.id().equals(clinicId))
                    .findFirst()
                    .orElse(clinics.isEmpty() ? null : clinics.getFirst());
        }

        /** Specialty names joined with commas. */
        public String specialtyNames() {
            return String.join(
                    ", ", specialties.stream().map(SpecialtyRef::name).toList());
        }
    }

    public record SpecialtyRef(String code, String name) {}

    public record ClinicRef(UUID id, String name, String address, String city, String timeZone) {}

    public record NearestSlot(UUID id, Instant start, Instant end, UUID clinicId) {}

    public record Specialty(String code, String nameRu, String nameEn) {
        public String name(String language) {
            return "ru".equals(language) ? nameRu : nameEn;
        }
    }

    public record Slot(UUID id, UUID doctorId, UUID clinicId, Instant start, Instant end, String status) {}

    public record Review(
            UUID id, UUID doctorId, int rating, @Nullable String text, Instant createdAt) {}

    public record Appointment(
            UUID id,
            UUID slotId,
            UUID doctorId,
            UUID clinicId,
            Instant start,
            Instant end,
            String status,
            @Nullable String cancelReason,
            String doctorName,
            String clinicName,
            String clinicTimeZone) {}
}
