package io.polyclinic.booking.appointment;

import io.polyclinic.booking.appointment.AppointmentProblems.OverlappingAppointmentException;
import io.polyclinic.booking.appointment.AppointmentProblems.PatientRoleRequiredException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotAlreadyBookedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotBlockedException;
import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.config.BookingProperties;
import io.polyclinic.booking.event.BookingEvents;
import io.polyclinic.booking.slot.SlotRepository;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
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
 */
@Service
public class AppointmentService {

    private final AppointmentRepository appointments;
    private final SlotRepository slots;
    private final ClinicAccess access;
    private final BookingEvents events;
    private final BookingRules rules;
    private final Clock clock;

    public AppointmentService(
            AppointmentRepository appointments,
            SlotRepository slots,
            ClinicAccess access,
            BookingEvents events,
            BookingProperties properties,
            Clock clock) {
        this.appointments = appointments;
        this.slots = slots;
        this.access = access;
        this.events = events;
        this.rules =
                new BookingRules(properties.minNotice(), properties.cancelCutoff(), properties.maxFutureAppointments());
        this.clock = clock;
    }

    /**
     * Books a slot for the calling patient and appends AppointmentBooked in the same transaction.
     *
     * @param locale {@code ru} or {@code en}: the language the patient is written to in
     * @throws PatientRoleRequiredException (403) without the PATIENT role; NotFoundException (404) unknown slot;
     *     SlotAlreadyBookedException / SlotBlockedException / OverlappingAppointmentException (409); 422 for the
     *     rules in {@link BookingRules}
     */
    @Transactional
    public Appointment book(AuthenticatedUser patient, UUID slotId, String locale) {
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
        var language = "ru".equals(locale) ? "ru" : "en";
        if (!appointments.insertBooked(
                id, patient.id(), patient.email(), language, slot, now.truncatedTo(ChronoUnit.MICROS))) {
            if (appointments.hasOverlap(patient.id(), slot.start(), slot.end())) {
                throw new OverlappingAppointmentException();
            }
            throw new SlotAlreadyBookedException(slotId);
        }
        events.publish(
                EventTypes.APPOINTMENT_BOOKED,
                slot.doctorId(),
                appointments.findEventData(id).orElseThrow());
        return appointments.findById(id).orElseThrow();
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
