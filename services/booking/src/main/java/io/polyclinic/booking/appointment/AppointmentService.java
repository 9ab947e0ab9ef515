package io.polyclinic.booking.appointment;

import io.polyclinic.booking.appointment.AppointmentProblems.AppointmentReviewedException;
import io.polyclinic.booking.appointment.AppointmentProblems.OverlappingAppointmentException;
import io.polyclinic.booking.appointment.AppointmentProblems.PatientRoleRequiredException;
import io.polyclinic.booking.appointment.AppointmentProblems.RescheduleToOtherDoctorException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotAlreadyBookedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotBlockedException;
import io.polyclinic.booking.cache.BookingCache;
import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.config.BookingProperties;
import io.polyclinic.booking.event.BookingEvents;
import io.polyclinic.booking.shared.BusinessMetrics;
import io.polyclinic.booking.shared.BusinessMetrics.CancelledBy;
import io.polyclinic.booking.slot.SlotRepository;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.contracts.Language;
import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.platform.audit.AuditDetails;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking and cancelling appointments (S3 "Book", "Cancel", "My appointments").
 *
 * <p>A booking is one transaction: an advisory lock on the patient (so the future-appointment count cannot race),
 * the rule checks, then {@code update slots set status='BOOKED' where id=? and status='AVAILABLE'} (exactly one
 * concurrent caller wins it) and the insert of the appointment (the schema refuses a second live appointment on
 * the slot and overlapping appointments of the patient). Any failure rolls the claim back.
 *
 * <p>A reschedule is the same transaction shape: the new slot is claimed first and the old one freed only after
 * that succeeded, so a lost race leaves the patient in their original slot. Completion (a scheduled job) and
 * no-show close appointments after their start. Business counters are counted on commit ({@link BusinessMetrics}).
 */
@Service
public class AppointmentService {

    private final AppointmentRepository appointments;
    private final SlotRepository slots;
    private final ClinicAccess access;
    private final BookingEvents events;
    private final BookingRules rules;
    private final BusinessMetrics metrics;
    private final Clock clock;
    private final AuditTrail audit;
    private final BookingCache cache;

    public AppointmentService(
            AppointmentRepository appointments,
            SlotRepository slots,
            ClinicAccess access,
            BookingEvents events,
            BookingProperties properties,
            BusinessMetrics metrics,
            Clock clock,
            AuditTrail audit,
            BookingCache cache) {
        this.cache = cache;
        this.appointments = appointments;
        this.slots = slots;
        this.access = access;
        this.events = events;
        this.rules = new BookingRules(
                properties.minNotice(),
                properties.cancelCutoff(),
                properties.maxFutureAppointments(),
                properties.maxAdvance());
        this.metrics = metrics;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Books a slot for the calling patient and appends AppointmentBooked in the same transaction.
     *
     * @param language the language the patient is written to in
     * @throws PatientRoleRequiredException (403) without the PATIENT role; NotFoundException (404) unknown slot;
     *     SlotAlreadyBookedException / SlotBlockedException / OverlappingAppointmentException (409); 422 for the
     *     rules in {@link BookingRules}
     */
    @Transactional
    public Appointment book(AuthenticatedUser patient, UUID slotId, Language language) {
        if (!patient.hasRole(AuthenticatedUser.PATIENT)) {
            throw new PatientRoleRequiredException();
        }
        appointments.lockPatient(patient.id());
        var bookable = appointments.findBookableSlot(slotId).orElseThrow(() -> new NotFoundException("slot", slotId));
        var slot = bookable.slot();
        var now = clock.instant();
        rules.checkBookable(slot, bookable.doctorStatus(), now);
        if (appointments.hasOverlap(patient.id(), slot.start(), slot.end())) {
            throw new OverlappingAppointmentException();
        }
        rules.checkFutureAppointments(appointments.countFutureBooked(patient.id(), now));
        if (!appointments.claimSlot(slotId)) {
            var status = appointments.slotStatus(slotId).orElseThrow(() -> new NotFoundException("slot", slotId));
            throw status == SlotStatus.BLOCKED ? new SlotBlockedException() : new SlotAlreadyBookedException(slotId);
        }
        var id = Ids.newId();
        if (!appointments.insertBooked(
                id, patient.id(), patient.email(), language.tag(), slot, now.truncatedTo(ChronoUnit.MICROS))) {
            if (appointments.hasOverlap(patient.id(), slot.start(), slot.end())) {
                throw new OverlappingAppointmentException();
            }
            throw new SlotAlreadyBookedException(slotId);
        }
        metrics.booked();
        audit.record(new AuditEntry(
                patient.id(),
                "APPOINTMENT_BOOKED",
                "appointment",
                id.toString(),
                Map.of(
                        "slotId",
                        slotId,
                        "doctorId",
                        slot.doctorId(),
                        "clinicId",
                        slot.clinicId(),
                        "start",
                        slot.start())));
        cache.evictDoctor(slot.doctorId());
        events.publish(
                EventTypes.APPOINTMENT_BOOKED,
                slot.doctorId(),
                appointments.findEventData(id).orElseThrow());
        return appointments.findById(id).orElseThrow();
    }

    /**
     * Moves the calling patient's BOOKED appointment to another free slot of the same doctor, keeping its id. All
     * booking rules apply to the new slot (min notice, max advance, no overlap with the patient's other
     * appointments); the cancellation cutoff applies to the old one. The new slot is claimed first, the old one
     * freed only if that succeeded, in one transaction.
     *
     * @throws NotFoundException (404) unknown or someone else's appointment, unknown slot; InvalidRequestException
     *     (400) the appointment's own slot; SlotAlreadyBookedException / SlotBlockedException /
     *     OverlappingAppointmentException / AppointmentNotActiveException (409); 422 another doctor's slot, past
     *     the cutoff, or a slot the booking rules refuse
     */
    @Transactional
    public Appointment reschedule(AuthenticatedUser patient, UUID id, UUID slotId) {
        appointments.lockPatient(patient.id());
        var appointment =
                appointments.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("appointment", id));
        if (!appointment.patientId().equals(patient.id())) {
            throw new NotFoundException("appointment", id);
        }
        var target = appointments.findBookableSlot(slotId).orElseThrow(() -> new NotFoundException("slot", slotId));
        var slot = target.slot();
        if (slot.id().equals(appointment.slotId())) {
            throw new InvalidRequestException("slotId", "The appointment is in this slot already.");
        }
        if (!slot.doctorId().equals(appointment.doctorId())) {
            throw new RescheduleToOtherDoctorException();
        }
        var now = clock.instant();
        rules.checkReschedulable(appointment.status(), appointment.start(), now);
        rules.checkBookable(slot, target.doctorStatus(), now);
        if (appointments.hasOverlapOtherThan(patient.id(), slot.start(), slot.end(), id)) {
            throw new OverlappingAppointmentException();
        }
        if (!appointments.claimSlot(slotId)) {
            var status = appointments.slotStatus(slotId).orElseThrow(() -> new NotFoundException("slot", slotId));
            throw status == SlotStatus.BLOCKED ? new SlotBlockedException() : new SlotAlreadyBookedException(slotId);
        }
        // the row is locked and BOOKED, and the patient's other bookings wait on the advisory lock: this cannot miss
        if (!appointments.moveToSlot(id, slot)) {
            throw new IllegalStateException("A locked BOOKED appointment could not be moved");
        }
        slots.transition(appointment.slotId(), SlotStatus.BOOKED, SlotStatus.AVAILABLE);
        var moved = appointments.findEventData(id).orElseThrow();
        events.publish(
                EventTypes.APPOINTMENT_RESCHEDULED,
                appointment.doctorId(),
                new AppointmentEventData(
                        moved.appointmentId(),
                        moved.slotId(),
                        moved.doctorId(),
                        moved.doctorName(),
                        moved.clinicId(),
                        moved.clinicName(),
                        moved.clinicAddress(),
                        moved.clinicTimeZone(),
                        moved.patientId(),
                        moved.patientEmail(),
                        moved.locale(),
                        moved.start(),
                        moved.end(),
                        moved.status(),
                        null,
                        null,
                        appointment.slotId(),
                        appointment.start(),
                        appointment.end()));
        cache.evictDoctor(appointment.doctorId());
        metrics.rescheduled();
        audit.record(new AuditEntry(
                patient.id(),
                "APPOINTMENT_RESCHEDULED",
                "appointment",
                id.toString(),
                Map.of("fromSlotId", appointment.slotId(), "toSlotId", slotId, "start", slot.start())));
        return appointments.findById(id).orElseThrow();
    }

    /**
     * Clinic staff (ADMIN, or a manager of the appointment's clinic) mark an appointment NO_SHOW once its slot has
     * started; a COMPLETED one too (the completion job may have been first) unless the patient reviewed it. A
     * NO_SHOW appointment is never completed and cannot be reviewed.
     *
     * @throws NotFoundException (404) unknown or of a clinic the caller does not manage; 409 cancelled, already a
     *     no-show, or reviewed; 422 not started yet
     */
    @Transactional
    public Appointment markNoShow(AuthenticatedUser user, UUID id) {
        var appointment =
                appointments.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("appointment", id));
        if (!access.canManage(user, appointment.clinicId())) {
            throw new NotFoundException("appointment", id);
        }
        var now = clock.instant();
        rules.checkNoShow(appointment.status(), appointment.start(), now);
        if (appointment.status() == AppointmentStatus.COMPLETED && appointments.isReviewed(id)) {
            throw new AppointmentReviewedException();
        }
        appointments.markNoShow(id, now.truncatedTo(ChronoUnit.MICROS), user.id());
        metrics.noShow();
        audit.record(new AuditEntry(
                user.id(),
                "APPOINTMENT_NO_SHOW",
                "appointment",
                id.toString(),
                Map.of("slotId", appointment.slotId())));
        return appointments.findById(id).orElseThrow();
    }

    /**
     * One batch of the completion job: up to {@code limit} BOOKED appointments whose slot has ended become
     * COMPLETED. Idempotent, and safe to run on several replicas at once (rows locked elsewhere are skipped).
     *
     * @return the ids completed (fewer than {@code limit} when nothing more is due)
     */
    @Transactional
    public List<UUID> completeEnded(int limit) {
        var completed = appointments.completeEnded(clock.instant().truncatedTo(ChronoUnit.MICROS), limit);
        for (var id : completed) {
            var data = appointments.findEventData(id).orElseThrow();
            events.publish(EventTypes.APPOINTMENT_COMPLETED, data.doctorId(), data);
        }
        metrics.completed(completed.size());
        return completed;
    }

    /**
     * One appointment: the patient's own, or any of a clinic the caller administers.
     *
     * @throws NotFoundException (404) when unknown or not the caller's to see
     */
    public Appointment get(AuthenticatedUser user, UUID id) {
        var appointment = appointments.findById(id).orElseThrow(() -> new NotFoundException("appointment", id));
        if (!appointment.patientId().equals(user.id()) && !access.canManage(user, appointment.clinicId())) {
            throw new NotFoundException("appointment", id);
        }
        return appointment;
    }

    /**
     * Cancels a BOOKED appointment, frees its slot and appends AppointmentCancelled in the same transaction. Staff (ADMIN, manager of the clinic)
     * may cancel any time with a reason; the patient until the cancel cutoff.
     *
     * @throws NotFoundException (404) unknown or foreign; 409 not BOOKED; 400 staff without reason; 422 after the
     *     cutoff
     */
    @Transactional
    public Appointment cancel(AuthenticatedUser user, UUID id, String reason) {
        var appointment =
                appointments.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("appointment", id));
        var staff = access.canManage(user, appointment.clinicId());
        if (!staff && !appointment.patientId().equals(user.id())) {
            throw new NotFoundException("appointment", id);
        }
        var now = clock.instant();
        rules.checkCancellable(appointment.status(), appointment.start(), staff, reason, now);
        var cleanReason = reason == null || reason.isBlank() ? null : reason.strip();
        appointments.cancel(id, now.truncatedTo(ChronoUnit.MICROS), cleanReason, user.id());
        slots.transition(appointment.slotId(), SlotStatus.BOOKED, SlotStatus.AVAILABLE);
        metrics.cancelled(staff ? CancelledBy.STAFF : CancelledBy.PATIENT);
        audit.record(new AuditEntry(
                user.id(),
                "APPOINTMENT_CANCELLED",
                "appointment",
                id.toString(),
                AuditDetails.of(
                        "reason",
                        cleanReason,
                        "cancelledBy",
                        staff ? "STAFF" : "PATIENT",
                        "patientId",
                        appointment.patientId(),
                        "slotId",
                        appointment.slotId())));
        cache.evictDoctor(appointment.doctorId());
        events.publish(
                EventTypes.APPOINTMENT_CANCELLED,
                appointment.doctorId(),
                appointments.findEventData(id).orElseThrow());
        return appointments.findById(id).orElseThrow();
    }

    /**
     * The caller's appointments.
     *
     * @param scope {@code upcoming} (default; not yet ended, soonest first) or {@code past} (ended, latest first)
     * @throws InvalidRequestException (400) for another scope
     */
    public PageResponse<Appointment> mine(AuthenticatedUser user, String scope, PageQuery page) {
        boolean upcoming;
        if (scope == null || scope.equals("upcoming")) {
            upcoming = true;
        } else if (scope.equals("past")) {
            upcoming = false;
        } else {
            throw new InvalidRequestException("scope", "scope must be upcoming or past.");
        }
        var now = clock.instant();
        var items = appointments.findByPatient(user.id(), upcoming, now, page.offset(), page.size());
        return PageResponse.of(items, page, appointments.countByPatient(user.id(), upcoming, now));
    }
}
