package io.polyclinic.booking.appointment;

import io.polyclinic.booking.appointment.AppointmentProblems.OverlappingAppointmentException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotAlreadyBookedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotBlockedException;
import io.polyclinic.booking.appointment.AppointmentRepository.BookableSlot;
import io.polyclinic.booking.slot.Slot;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.platform.problem.NotFoundException;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How {@code book} and {@code reschedule} put a patient into a slot, and the one place that turns every way the
 * slot or the patient's calendar refuses into the problem the client sees:
 *
 * <ul>
 *   <li>an unknown slot: 404 {@code not-found};
 *   <li>another live appointment of the patient overlapping the slot: 409 {@code overlapping-appointment};
 *   <li>the slot claimed by someone else first: 409 {@code slot-already-booked}; blocked by staff: 409
 *       {@code slot-blocked};
 *   <li>the appointment's write refused after the claim (the schema's unique and exclusion constraints: a second
 *       live appointment on the slot, an overlap): the overlap problem when the patient overlaps, else
 *       {@code slot-already-booked}.
 * </ul>
 *
 * Runs inside the use case's transaction, after the patient's advisory lock.
 */
final class SlotClaims {

    private final AppointmentRepository appointments;

    SlotClaims(AppointmentRepository appointments) {
        this.appointments = appointments;
    }

    /** The slot with its doctor's status. @throws NotFoundException (404) for an unknown slot */
    BookableSlot target(UUID slotId) {
        return appointments.findBookableSlot(slotId).orElseThrow(() -> new NotFoundException("slot", slotId));
    }

    /**
     * @param moving the appointment being moved into the slot (it does not count as an overlap), or null
     * @throws OverlappingAppointmentException (409) when another live appointment of the patient overlaps the slot
     */
    void checkNoOverlap(UUID patientId, Slot slot, @Nullable UUID moving) {
        if (overlaps(patientId, slot, moving)) {
            throw new OverlappingAppointmentException();
        }
    }

    /**
     * Claims the slot (AVAILABLE -> BOOKED; exactly one concurrent caller wins it), then runs {@code write}, which
     * puts the appointment into it and answers false when a constraint refused that.
     *
     * @throws NotFoundException, SlotBlockedException, SlotAlreadyBookedException, OverlappingAppointmentException
     *     as listed on the class
     */
    void claim(UUID patientId, Slot slot, @Nullable UUID moving, BooleanSupplier write) {
        if (!appointments.claimSlot(slot.id())) {
            var status = appointments.slotStatus(slot.id()).orElseThrow(() -> new NotFoundException("slot", slot.id()));
            throw status == SlotStatus.BLOCKED ? new SlotBlockedException() : new SlotAlreadyBookedException(slot.id());
        }
        if (!write.getAsBoolean()) {
            checkNoOverlap(patientId, slot, moving);
            throw new SlotAlreadyBookedException(slot.id());
        }
    }

    private boolean overlaps(UUID patientId, Slot slot, @Nullable UUID moving) {
        return appointments.hasOverlapOtherThan(patientId, slot.start(), slot.end(), moving);
    }
}
