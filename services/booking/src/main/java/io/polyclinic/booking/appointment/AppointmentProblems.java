package io.polyclinic.booking.appointment;

import io.polyclinic.platform.problem.ConflictException;
import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.platform.problem.RuleViolationException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The booking and cancellation failures clients see (problem type slugs in parentheses). */
public final class AppointmentProblems {

    private AppointmentProblems() {}

    /** Someone else holds the slot (slot-already-booked): 409. */
    public static class SlotAlreadyBookedException extends ConflictException {
        private final UUID slotId;

        public SlotAlreadyBookedException(UUID slotId) {
            super("slot-already-booked", "Slot already booked", "This slot has just been booked by someone else.");
            this.slotId = slotId;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("slotId", slotId);
        }
    }

    /** The clinic withheld the slot (slot-blocked): 409. */
    public static class SlotBlockedException extends ConflictException {
        public SlotBlockedException() {
            super("slot-blocked", "Slot not available", "This slot is not open for booking.");
        }
    }

    /** The patient already holds a BOOKED appointment at an overlapping time (overlapping-appointment): 409. */
    public static class OverlappingAppointmentException extends ConflictException {
        public OverlappingAppointmentException() {
            super(
                    "overlapping-appointment",
                    "Overlapping appointment",
                    "You already have an appointment at an overlapping time.");
        }
    }

    /** The appointment is not BOOKED any more (appointment-not-active): 409. */
    public static class AppointmentNotActiveException extends ConflictException {
        public AppointmentNotActiveException() {
            super("appointment-not-active", "Appointment not active", "The appointment is not booked any more.");
        }
    }

    /** The slot starts sooner than the minimum notice (too-short-notice): 422. */
    public static class TooShortNoticeException extends RuleViolationException {
        public TooShortNoticeException(Duration minNotice) {
            super(
                    "too-short-notice",
                    "Too short notice",
                    "Appointments must be booked at least " + minNotice.toMinutes() + " minutes ahead.");
        }
    }

    /** The slot has started already (slot-in-past): 422. */
    public static class SlotStartedException extends RuleViolationException {
        public SlotStartedException() {
            super("slot-in-past", "Slot in the past", "This slot has already started.");
        }
    }

    /** The doctor is not ACTIVE (doctor-not-available): 422. */
    public static class DoctorNotAvailableException extends RuleViolationException {
        public DoctorNotAvailableException() {
            super("doctor-not-available", "Doctor not available", "This doctor does not take appointments now.");
        }
    }

    /** The patient holds the maximum of future appointments (too-many-appointments): 422. */
    public static class TooManyAppointmentsException extends RuleViolationException {
        public TooManyAppointmentsException(int max) {
            super(
                    "too-many-appointments",
                    "Too many appointments",
                    "You may hold at most " + max + " future appointments.");
        }
    }

    /** A patient cancels later than the cutoff (cancel-cutoff-passed): 422. */
    public static class CancelCutoffPassedException extends RuleViolationException {
        public CancelCutoffPassedException(Duration cutoff) {
            super(
                    "cancel-cutoff-passed",
                    "Too late to cancel",
                    "Appointments can be cancelled at most " + cutoff.toMinutes()
                            + " minutes before they start; please call the clinic.");
        }
    }

    /** Only patients book (patient-role-required): 403. */
    public static class PatientRoleRequiredException extends DomainException {
        public PatientRoleRequiredException() {
            super(HttpStatus.FORBIDDEN, "patient-role-required", "Forbidden", "Only patients can book appointments.");
        }
    }

    /** The slot starts later than the booking horizon (too-far-ahead): 422. */
    public static class TooFarAheadException extends RuleViolationException {
        public TooFarAheadException(Duration maxAdvance) {
            super(
                    "too-far-ahead",
                    "Too far ahead",
                    "Appointments can be booked at most " + maxAdvance.toDays() + " days ahead.");
        }
    }

    /** A patient moves an appointment later than the cutoff (reschedule-cutoff-passed): 422. */
    public static class RescheduleCutoffPassedException extends RuleViolationException {
        public RescheduleCutoffPassedException(Duration cutoff) {
            super(
                    "reschedule-cutoff-passed",
                    "Too late to reschedule",
                    "Appointments can be moved at most " + cutoff.toMinutes()
                            + " minutes before they start; please call the clinic.");
        }
    }

    /** The target slot is of another doctor (reschedule-other-doctor): 422. */
    public static class RescheduleToOtherDoctorException extends RuleViolationException {
        public RescheduleToOtherDoctorException() {
            super(
                    "reschedule-other-doctor",
                    "Other doctor",
                    "An appointment can be moved only to another slot of the same doctor; book a new one instead.");
        }
    }

    /** Staff mark a no-show before the appointment started (appointment-not-started): 422. */
    public static class AppointmentNotStartedException extends RuleViolationException {
        public AppointmentNotStartedException() {
            super(
                    "appointment-not-started",
                    "Appointment not started",
                    "An appointment can be marked as a no-show only once it has started.");
        }
    }

    /** A no-show for an appointment the patient has reviewed (appointment-reviewed): 409. */
    public static class AppointmentReviewedException extends ConflictException {
        public AppointmentReviewedException() {
            super(
                    "appointment-reviewed",
                    "Appointment reviewed",
                    "The patient has reviewed this appointment, so it cannot be marked as a no-show.");
        }
    }
}
