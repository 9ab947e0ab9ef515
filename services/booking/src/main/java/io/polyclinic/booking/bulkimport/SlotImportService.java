package io.polyclinic.booking.bulkimport;

import io.polyclinic.booking.bulkimport.ImportedRow.Outcome;
import io.polyclinic.booking.doctor.DoctorService;
import io.polyclinic.booking.slot.SlotRequest;
import io.polyclinic.booking.slot.SlotService;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.contracts.booking.v1.SlotRow;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Service;

/**
 * One imported slot row, applied through the slot use cases. Its natural key is (doctor by external id, clinic,
 * start in the clinic's local time):
 *
 * <ul>
 *   <li>no slot starts there: one is created (SLOT_CREATED), unless it overlaps another slot of the doctor, starts in
 *       the past or the doctor does not work in the clinic (each a row error);
 *   <li>a slot starts there with the same length: UNCHANGED, whatever its status;
 *   <li>with another length: a BOOKED slot is never changed (a row error); an AVAILABLE or BLOCKED one without
 *       appointment history is replaced (SLOT_DELETED and SLOT_CREATED: UPDATED).
 * </ul>
 *
 * A local start that does not exist in the clinic's zone (the hour skipped when clocks go forward) is a row error;
 * one that exists twice (the hour repeated when clocks go back) means the earlier instant.
 */
@Service
public class SlotImportService {

    static final int MIN_MINUTES = 5;
    static final int MAX_MINUTES = 720;

    private final SlotService slots;
    private final DoctorService doctors;

    public SlotImportService(SlotService slots, DoctorService doctors) {
        this.slots = slots;
        this.doctors = doctors;
    }

    /**
     * Applies the row in the caller's transaction.
     *
     * @throws RowRejectedException for a row the import itself refuses; a use case's refusal propagates as its
     *     {@code DomainException}
     */
    ImportedRow apply(ImportScope scope, ImportReferences references, SlotRow row) {
        var externalId = row.getDoctorExternalId().strip();
        if (externalId.isEmpty()) {
            throw new RowRejectedException(
                    "doctor_external_id", "The doctor's personnel or licence number is required.");
        }
        var clinic = references.clinic("clinic", row.getClinic());
        var local = localStart(row.getLocalStart());
        if (row.getDurationMinutes() < MIN_MINUTES || row.getDurationMinutes() > MAX_MINUTES) {
            throw new RowRejectedException("duration_minutes", "A slot lasts 5 to 720 minutes.");
        }
        var zone = ZoneId.of(clinic.timeZone());
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw new RowRejectedException(
                    "local_start",
                    local + " does not exist in " + zone + ": the clocks skip that hour (daylight saving).");
        }
        var start = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        var end = start.plus(Duration.ofMinutes(row.getDurationMinutes()));
        var doctor = doctors.findByExternalId(externalId)
                .orElseThrow(() -> new RowRejectedException(
                        "doctor_external_id",
                        "No doctor has the number \"" + externalId + "\": import doctors first."));
        var request = new SlotRequest(clinic.id(), start, end);
        var existing = slots.findAt(doctor.id(), clinic.id(), start);
        if (existing.isEmpty()) {
            var created = slots.create(scope.actor(), doctor.id(), request);
            return ImportedRow.applied(row.getRowNumber(), Outcome.INSERTED, created.id());
        }
        var slot = existing.get();
        if (slot.end().equals(end)) {
            return ImportedRow.applied(row.getRowNumber(), Outcome.UNCHANGED, slot.id());
        }
        if (slot.status() == SlotStatus.BOOKED) {
            throw new RowRejectedException(
                    "duration_minutes", "The slot at this time is booked; an import never changes a booked slot.");
        }
        slots.delete(scope.actor(), slot.id());
        var replaced = slots.create(scope.actor(), doctor.id(), request);
        return ImportedRow.applied(row.getRowNumber(), Outcome.UPDATED, replaced.id());
    }

    private static LocalDateTime localStart(String value) {
        var text = value.strip();
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new RowRejectedException(
                    "local_start", "Not a local date-time such as 2026-03-29T09:00: \"" + abbreviate(text) + "\".");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
