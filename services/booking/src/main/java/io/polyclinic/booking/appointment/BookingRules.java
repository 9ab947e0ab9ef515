package io.polyclinic.booking.appointment;

import io.polyclinic.booking.appointment.AppointmentProblems.AppointmentNotActiveException;
import io.polyclinic.booking.appointment.AppointmentProblems.AppointmentNotStartedException;
import io.polyclinic.booking.appointment.AppointmentProblems.CancelCutoffPassedException;
import io.polyclinic.booking.appointment.AppointmentProblems.DoctorNotAvailableException;
import io.polyclinic.booking.appointment.AppointmentProblems.RescheduleCutoffPassedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotAlreadyBookedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotBlockedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotStartedException;
import io.polyclinic.booking.appointment.AppointmentProblems.TooFarAheadException;
import io.polyclinic.booking.appointment.AppointmentProblems.TooManyAppointmentsException;
import io.polyclinic.booking.appointment.AppointmentProblems.TooShortNoticeException;
import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.booking.slot.Slot;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;

/**
 * The booking and cancellation rules of S3, free of storage: which slot a patient may book now and who may cancel
 * an appointment when. The database still has the last word on races (see {@code AppointmentService}).
 *
 * @param minNotice a slot must start at least this long after now
 * @param cancelCutoff a patient may cancel until this long before the start
 * @param maxFutureAppointments the most future BOOKED appointments one patient may hold
 * @param maxAdvance a slot must start at most this long after now
 */
public record BookingRules(Duration minNotice, Duration cancelCutoff, int maxFutureAppointments, Duration maxAdvance) {

    /**
     * Checks that the slot may be booked now.
     *
     * @throws SlotBlockedException (409) BLOCKED; SlotAlreadyBookedException (409) BOOKED;
     *     DoctorNotAvailableException (422); SlotStartedException (422); TooShortNoticeException (422);
     *     TooFarAheadException (422)
     */
    public void checkBookable(Slot slot, DoctorStatus doctorStatus, Instant now) {
        if (slot.status() == SlotStatus.BLOCKED) {
            throw new SlotBlockedException();
        }
        if (slot.status() == SlotStatus.BOOKED) {
            throw new SlotAlreadyBookedException(slot.id());
        }
        if (doctorStatus != DoctorStatus.ACTIVE) {
            throw new DoctorNotAvailableException();
        }
        if (!slot.start().isAfter(now)) {
            throw new SlotStartedException();
        }
        if (slot.start().isBefore(now.plus(minNotice))) {
            throw new TooShortNoticeException(minNotice);
        }
        if (slot.start().isAfter(now.plus(maxAdvance))) {
            throw new TooFarAheadException(maxAdvance);
        }
    }

    /** @throws TooManyAppointmentsException (422) when the patient holds the maximum already */
    public void checkFutureAppointments(long futureBooked) {
        if (futureBooked >= maxFutureAppointments) {
            throw new TooManyAppointmentsException(maxFutureAppointments);
        }
    }

    /**
     * Checks a cancellation.
     *
     * @param staff the caller is an ADMIN or a manager of the appointment's clinic: any time, reason required
     * @throws AppointmentNotActiveException (409) when not BOOKED; InvalidRequestException (400) staff without a
     *     reason; CancelCutoffPassedException (422) a patient after the cutoff
     */
    public void checkCancellable(AppointmentStatus status, Instant start, boolean staff, String reason, Instant now) {
        if (status != AppointmentStatus.BOOKED) {
            throw new AppointmentNotActiveException();
        }
        if (staff) {
            if (reason == null || reason.isBlank()) {
                throw new InvalidRequestException("reason", "A reason is required when staff cancel an appointment.");
            }
            return;
        }
        if (now.isAfter(start.minus(cancelCutoff))) {
            throw new CancelCutoffPassedException(cancelCutoff);
        }
    }

    /**
     * Checks that the patient may still move a BOOKED appointment starting at {@code start}: the cancellation
     * cutoff applies, since moving frees the old slot just like a cancellation does.
     *
     * @throws AppointmentNotActiveException (409) when not BOOKED; RescheduleCutoffPassedException (422) after the
     *     cutoff
     */
    public void checkReschedulable(AppointmentStatus status, Instant start, Instant now) {
        if (status != AppointmentStatus.BOOKED) {
            throw new AppointmentNotActiveException();
        }
        if (now.isAfter(start.minus(cancelCutoff))) {
            throw new RescheduleCutoffPassedException(cancelCutoff);
        }
    }

    /**
     * Checks that staff may mark an appointment NO_SHOW: its slot has started, and it is BOOKED or COMPLETED (the
     * completion job may have closed it before the clinic got round to it).
     *
     * @throws AppointmentNotActiveException (409) when CANCELLED or NO_SHOW already; AppointmentNotStartedException
     *     (422) before the start
     */
    public void checkNoShow(AppointmentStatus status, Instant start, Instant now) {
        if (status != AppointmentStatus.BOOKED && status != AppointmentStatus.COMPLETED) {
            throw new AppointmentNotActiveException();
        }
        if (now.isBefore(start)) {
            throw new AppointmentNotStartedException();
        }
    }
}
