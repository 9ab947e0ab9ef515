package io.polyclinic.booking.slot;

import io.polyclinic.platform.problem.ConflictException;
import io.polyclinic.platform.problem.RuleViolationException;
import java.util.Map;
import java.util.UUID;

/** The slot failures clients see. */
public final class SlotProblems {

    private SlotProblems() {}

    /** The new slot overlaps another slot of the same doctor: 409 (the exclusion constraint said so). */
    public static class SlotOverlapsException extends ConflictException {
        public SlotOverlapsException() {
            super("slot-overlaps", "Slot overlaps", "The doctor already has a slot that overlaps this time.");
        }
    }

    /** A BOOKED slot cannot be blocked, unblocked or deleted: 409. */
    public static class SlotBookedException extends ConflictException {
        private final UUID slotId;

        public SlotBookedException(UUID slotId) {
            super("slot-booked", "Slot is booked", "The slot holds an appointment; cancel the appointment first.");
            this.slotId = slotId;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("slotId", slotId);
        }
    }

    /** A slot with appointment history cannot be deleted (block it instead): 409. */
    public static class SlotHasHistoryException extends ConflictException {
        public SlotHasHistoryException() {
            super(
                    "slot-has-history",
                    "Slot has appointments",
                    "The slot has past appointments and cannot be deleted; block it instead.");
        }
    }

    /** The doctor does not work in the given clinic: 422. */
    public static class DoctorNotInClinicException extends RuleViolationException {
        public DoctorNotInClinicException() {
            super("doctor-not-in-clinic", "Doctor not in clinic", "The doctor does not work in this clinic.");
        }
    }

    /** A slot must start in the future: 422. */
    public static class SlotInPastException extends RuleViolationException {
        public SlotInPastException() {
            super("slot-in-past", "Slot in the past", "The slot starts in the past.");
        }
    }
}
