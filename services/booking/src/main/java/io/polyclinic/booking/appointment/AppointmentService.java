package io.polyclinic.booking.appointment;

import io.polyclinic.booking.appointment.AppointmentProblems.AppointmentReviewedException;
import io.polyclinic.booking.appointment.AppointmentProblems.PatientRoleRequiredException;
import io.polyclinic.booking.appointment.AppointmentProblems.RescheduleToOtherDoctorException;
import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.booking.shared.BookingProperties;
import io.polyclinic.booking.shared.BusinessMetrics;
import io.polyclinic.booking.shared.BusinessMetrics.CancelledBy;
import io.polyclinic.booking.slot.SlotService;
import io.polyclinic.contracts.Language;
import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.platform.audit.AuditDetails;
import io.polyclinic.platform.audit.AuditEntry;
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
 * that succeeded, so a lost race leaves the patient in their original slot. Both claim through {@link SlotClaims},
 * so they refuse with the same problems. Completion (a scheduled job) and no-show close appointments after their
 * start. Every use case ends with its {@link SideEffects}: audit, event, cache eviction and business counter.
 */
@Service
public class AppointmentService {

    private final AppointmentRepository appointments;
    private final SlotClaims claims;
    private final SlotService slots;
    private final ClinicAccess access;
    private final BookingRules rules;
    private final Clock clock;
    private final SideEffects effects;

    public AppointmentService(
            AppointmentRepository appointments,
            SlotService slots,
            ClinicAccess access,
            BookingProperties properties,
            Clock clock,
            SideEffects effects) {
        this.appointments = appointments;
        this.claims = new SlotClaims(appointments);
        this.slots = slots;
        this.access = access;
        this.rules = new BookingRules(
                properties.minNotice(),
                properties.cancelCutoff(),
                properties.maxFutureAppointments(),
                properties.maxAdvance());
        this.clock = clock;
        this.effects = effects;
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
        return book(patient, slotId, language, null);
    }

    /**
     * Books as {@link #book(AuthenticatedUser, UUID, Language)}, passing the web-analytics tracker's session id of
     * the visit the booking came from on in AppointmentBooked (not stored).
     *
     * @param trackerSessionId the tracker's session id, already validated, or {@code null}
     */
    @Transactional
    public Appointment book(AuthenticatedUser patient, UUID slotId, Language language, String trackerSessionId) {
        if (!patient.hasRole(AuthenticatedUser.PATIENT)) {
            throw new PatientRoleRequiredException();
        }
        appointments.lockPatient(patient.id());
        var bookable = claims.target(slotId);
        var slot = bookable.slot();
        var now = clock.instant();
        rules.checkBookable(slot, bookable.doctorStatus(), now);
        claims.checkNoOverlap(patient.id(), slot, null);
        rules.checkFutureAppointments(appointments.countFutureBooked(patient.id(), now));
        var id = Ids.newId();
        claims.claim(
                patient.id(),
                slot,
                null,
                () -> appointments.insertBooked(
                        id, patient.id(), patient.email(), language.tag(), slot, now.truncatedTo(ChronoUnit.MICROS)));
        effects.start()
                .audit(new AuditEntry(
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
                                slot.start())))
                .event(
                        EventTypes.APPOINTMENT_BOOKED,
                        slot.doctorId(),
                        appointments.findEventData(id).orElseThrow().withTrackerSessionId(trackerSessionId))
                .evictDoctor(slot.doctorId())
                .count(BusinessMetrics::booked)
                .apply();
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
        var target = claims.target(slotId);
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
        claims.checkNoOverlap(patient.id(), slot, id);
        // the row is locked and BOOKED, and the patient's other bookings wait on the advisory lock
        claims.claim(patient.id(), slot, id, () -> appointments.moveToSlot(id, slot));
        slots.free(appointment.slotId());
        var moved = appointments.findEventData(id).orElseThrow();
        effects.start()
                .audit(new AuditEntry(
                        patient.id(),
                        "APPOINTMENT_RESCHEDULED",
                        "appointment",
                        id.toString(),
                        Map.of("fromSlotId", appointment.slotId(), "toSlotId", slotId, "start", slot.start())))
                .event(
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
                                appointment.end(),
                                null))
                .evictDoctor(appointment.doctorId())
                .count(BusinessMetrics::rescheduled)
                .apply();
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
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "APPOINTMENT_NO_SHOW",
                        "appointment",
                        id.toString(),
                        Map.of("slotId", appointment.slotId())))
                .count(BusinessMetrics::noShow)
                .apply();
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
        var batch = effects.start();
        for (var id : completed) {
            var data = appointments.findEventData(id).orElseThrow();
            batch.event(EventTypes.APPOINTMENT_COMPLETED, data.doctorId(), data);
        }
        batch.count(metrics -> metrics.completed(completed.size())).apply();
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
        slots.free(appointment.slotId());
        var by = staff ? CancelledBy.STAFF : CancelledBy.PATIENT;
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "APPOINTMENT_CANCELLED",
                        "appointment",
                        id.toString(),
                        AuditDetails.of(
                                "reason",
                                cleanReason,
                                "cancelledBy",
                                by.name(),
                                "patientId",
                                appointment.patientId(),
                                "slotId",
                                appointment.slotId())))
                .event(
                        EventTypes.APPOINTMENT_CANCELLED,
                        appointment.doctorId(),
                        appointments.findEventData(id).orElseThrow())
                .evictDoctor(appointment.doctorId())
                .count(metrics -> metrics.cancelled(by))
                .apply();
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
