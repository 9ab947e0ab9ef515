package io.polyclinic.booking.bulkimport;

import io.polyclinic.booking.bulkimport.ImportedRow.Outcome;
import io.polyclinic.booking.doctor.Doctor;
import io.polyclinic.booking.doctor.DoctorContacts;
import io.polyclinic.booking.doctor.DoctorRequest;
import io.polyclinic.booking.doctor.DoctorService;
import io.polyclinic.contracts.booking.v1.DoctorRow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * One imported doctor row, applied through the doctor use cases: a doctor is found by its external id (personnel or
 * licence number, never by name); an unknown one is registered (DOCTOR_REGISTERED), a known one whose fields differ
 * is edited (DOCTOR_UPDATED), a known one that matches is left alone (UNCHANGED, nothing written). Fields a row does
 * not carry (bio, experience, phone, email, photo, status) keep their stored values. A phone must be in E.164 and an
 * email well-formed ({@link DoctorContacts}), else the row is rejected naming the field.
 */
@Service
public class DoctorImportService {

    static final int MAX_EXTERNAL_ID = 64;
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ./_#-]*");

    private final DoctorService doctors;

    public DoctorImportService(DoctorService doctors) {
        this.doctors = doctors;
    }

    /**
     * Applies the row in the caller's transaction.
     *
     * @throws RowRejectedException for a row that breaks a rule of the import itself (a missing field, an unknown
     *     clinic or specialty); a use case's own refusal propagates as its {@code DomainException}
     */
    ImportedRow apply(ImportScope scope, ImportReferences references, DoctorRow row) {
        var externalId = externalId(row.getExternalId());
        var request = request(references, row, null);
        var current = doctors.findByExternalId(externalId);
        if (current.isEmpty()) {
            var created = doctors.registerWithExternalId(scope.actor(), externalId, request);
            return ImportedRow.applied(row.getRowNumber(), Outcome.INSERTED, created.id());
        }
        var doctor = current.get();
        var merged = request(references, row, doctor);
        if (matches(doctor, merged)) {
            return ImportedRow.applied(row.getRowNumber(), Outcome.UNCHANGED, doctor.id());
        }
        doctors.updateDoctor(scope.actor(), doctor.id(), merged);
        return ImportedRow.applied(row.getRowNumber(), Outcome.UPDATED, doctor.id());
    }

    static String externalId(String value) {
        var id = value.strip();
        if (id.isEmpty()) {
            throw new RowRejectedException("external_id", "The personnel or licence number is required.");
        }
        if (id.length() > MAX_EXTERNAL_ID || !EXTERNAL_ID.matcher(id).matches()) {
            throw new RowRejectedException(
                    "external_id",
                    "A personnel or licence number has at most 64 letters, digits, spaces and . / _ # - characters.");
        }
        return id;
    }

    /** The edit the row asks for; with {@code current}, the fields the row leaves out keep its values. */
    private static DoctorRequest request(ImportReferences references, DoctorRow row, Doctor current) {
        var name = row.getFullName().strip().replaceAll("\\s+", " ");
        if (name.isEmpty() || name.length() > 200) {
            throw new RowRejectedException("full_name", "The full name is required, at most 200 characters.");
        }
        if (row.getSpecialtiesCount() == 0 || row.getSpecialtiesCount() > 10) {
            throw new RowRejectedException("specialties", "Give 1 to 10 specialties.");
        }
        if (row.getClinicsCount() == 0 || row.getClinicsCount() > 20) {
            throw new RowRejectedException("clinics", "Give 1 to 20 clinics.");
        }
        var codes = new LinkedHashSet<String>();
        row.getSpecialtiesList().forEach(s -> codes.add(references.specialtyCode("specialties", s)));
        var clinics = new LinkedHashSet<UUID>();
        row.getClinicsList()
                .forEach(c -> clinics.add(references.clinic("clinics", c).id()));
        Integer experience = row.hasExperienceYears() ? row.getExperienceYears() : null;
        if (experience != null && (experience < 0 || experience > 80)) {
            throw new RowRejectedException("experience_years", "Years of practice are 0 to 80.");
        }
        var bio = row.hasBio() ? row.getBio().strip() : null;
        if (bio != null && bio.length() > 4000) {
            throw new RowRejectedException("bio", "The bio has at most 4000 characters.");
        }
        var phone = row.hasPhone() ? row.getPhone().strip() : null;
        if (phone != null && !DoctorContacts.validPhone(phone)) {
            throw new RowRejectedException("phone", "A phone is in E.164: + and up to 15 digits, e.g. +74951234567.");
        }
        var email = row.hasEmail() ? row.getEmail().strip() : null;
        if (email != null && !DoctorContacts.validEmail(email)) {
            throw new RowRejectedException("email", "An email is name@domain, at most 320 characters.");
        }
        if (current == null) {
            return new DoctorRequest(
                    name,
                    List.copyOf(codes),
                    List.copyOf(clinics),
                    blankToNull(bio),
                    experience,
                    null,
                    phone,
                    email,
                    null);
        }
        return new DoctorRequest(
                name,
                List.copyOf(codes),
                List.copyOf(clinics),
                row.hasBio() ? blankToNull(bio) : current.bio(),
                row.hasExperienceYears() ? experience : current.experienceYears(),
                current.photoUrl(),
                row.hasPhone() ? phone : current.phone(),
                row.hasEmail() ? email : current.email(),
                current.status());
    }

    private static boolean matches(Doctor doctor, DoctorRequest request) {
        return doctor.fullName().equals(request.fullName())
                && Set.copyOf(doctor.specialtyCodes()).equals(Set.copyOf(request.specialties()))
                && Set.copyOf(doctor.clinicIds()).equals(Set.copyOf(request.clinicIds()))
                && Objects.equals(doctor.bio(), request.bio())
                && Objects.equals(doctor.experienceYears(), request.experienceYears())
                && Objects.equals(doctor.phone(), request.phone())
                && Objects.equals(doctor.email(), request.email());
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
