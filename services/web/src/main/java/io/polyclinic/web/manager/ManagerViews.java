package io.polyclinic.web.manager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the clinic pages read from the booking API, by the API's field names. */
public final class ManagerViews {

    private ManagerViews() {}

    /** A clinic; {@code timeZone} is an IANA id such as {@code Europe/Moscow}. */
    public record Clinic(
            UUID id,
            String name,
            String address,
            String city,
            double latitude,
            double longitude,
            String timeZone,
            String phone) {}

    /** A specialty with its names in both languages. */
    public record Specialty(String code, String nameRu, String nameEn) {}

    /** A specialty of a doctor, named in the page's language. */
    public record SpecialtyRef(String code, String name) {}

    /** A clinic of a doctor. */
    public record ClinicRef(UUID id, String name, String city, String timeZone) {}

    /**
     * A doctor as a search hit or a card ({@code bio}, {@code experienceYears}, {@code photoUrl} only on a card).
     *
     * @param status ACTIVE, ON_LEAVE or INACTIVE
     */
    public record Doctor(
            UUID id,
            String fullName,
            List<SpecialtyRef> specialties,
            String status,
            List<ClinicRef> clinics,
            double rating,
            int reviewCount,
            String bio,
            Integer experienceYears,
            String photoUrl) {

        public Doctor {
            specialties = specialties == null ? List.of() : List.copyOf(specialties);
            clinics = clinics == null ? List.of() : List.copyOf(clinics);
        }

        /** The zone of the doctor's clinic {@code clinicId}, or null when the doctor does not work there. */
        public String zoneOf(UUID clinicId) {
            return clinics.stream()
                    .filter(c -> c.id().equals(clinicId))
                    .map(ClinicRef::timeZone)
                    .findFirst()
                    .orElse(null);
        }

        /** The name of the doctor's clinic {@code clinicId}, or empty. */
        public String clinicName(UUID clinicId) {
            return clinics.stream()
                    .filter(c -> c.id().equals(clinicId))
                    .map(ClinicRef::name)
                    .findFirst()
                    .orElse("");
        }
    }

    /**
     * A slot of a doctor.
     *
     * @param status AVAILABLE, BOOKED or BLOCKED
     */
    public record Slot(UUID id, UUID doctorId, UUID clinicId, Instant start, Instant end, String status) {}

    /** What a working plan produced. */
    public record PlanResult(UUID planId, UUID clinicId, String timeZone, int created, int skipped) {}

    /**
     * An appointment on a clinic's day list.
     *
     * @param status BOOKED, CANCELLED, COMPLETED or NO_SHOW
     */
    public record DayAppointment(
            UUID id,
            UUID doctorId,
            String doctorName,
            UUID patientId,
            String patientEmail,
            Instant start,
            Instant end,
            String status) {}

    /** A clinic's appointments of one local day. */
    public record ClinicDay(
            UUID clinicId, String clinicName, String timeZone, LocalDate date, PageView<DayAppointment> page) {}
}
