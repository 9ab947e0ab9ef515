package io.polyclinic.booking.appointment;

import io.polyclinic.contracts.Language;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Appointments: {@code POST /api/v1/appointments} (PATIENT), {@code GET /api/v1/appointments/{id}},
 * {@code POST /api/v1/appointments/{id}/cancel}, {@code POST /api/v1/appointments/{id}/reschedule},
 * {@code GET /api/v1/appointments/me?scope=upcoming|past}, the staff alias
 * {@code POST /api/v1/admin/appointments/{id}/cancel} and {@code POST /api/v1/admin/appointments/{id}/no-show}.
 */
@RestController
public class AppointmentController {

    private final AppointmentService appointments;

    public AppointmentController(AppointmentService appointments) {
        this.appointments = appointments;
    }

    /**
     * Books: 201 + Location {@code /api/v1/appointments/{id}} + the appointment. The patient is written to in the
     * request's language: the one of Russian and English that {@code Accept-Language} prefers, else English (see
     * {@link Language#ofAcceptLanguage}). An optional {@code trackerSessionId} travels on in AppointmentBooked
     * (booking conversions of the clinic's web analytics); it is not stored.
     */
    @PostMapping("/api/v1/appointments")
    public ResponseEntity<Appointment> book(
            AuthenticatedUser user,
            @Valid @RequestBody BookingRequest request,
            @RequestHeader(value = "Accept-Language", required = false) String acceptLanguage) {
        var appointment = appointments.book(
                user, request.slotId(), Language.ofAcceptLanguage(acceptLanguage), request.trackerSessionId());
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + appointment.id()))
                .body(appointment);
    }

    @GetMapping("/api/v1/appointments/me")
    public PageResponse<Appointment> mine(
            AuthenticatedUser user,
            @RequestParam(required = false) @Size(max = 20) String scope,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return appointments.mine(user, scope, PageQuery.of(page, size));
    }

    @GetMapping("/api/v1/appointments/{id}")
    public Appointment get(AuthenticatedUser user, @PathVariable UUID id) {
        return appointments.get(user, id);
    }

    /** Cancels; the body {@code {"reason"}} is optional for the patient, required for staff. */
    @PostMapping({"/api/v1/appointments/{id}/cancel", "/api/v1/admin/appointments/{id}/cancel"})
    public Appointment cancel(
            AuthenticatedUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) CancelRequest request) {
        return appointments.cancel(user, id, request == null ? null : request.reason());
    }

    /**
     * Moves the caller's BOOKED appointment to another free slot of the same doctor ({@code {"slotId"}}); 200 + the
     * appointment, same id. 409 when the slot is taken (the appointment keeps its old slot).
     */
    @PostMapping("/api/v1/appointments/{id}/reschedule")
    public Appointment reschedule(
            AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody RescheduleRequest request) {
        return appointments.reschedule(user, id, request.slotId());
    }

    /** Clinic staff mark an appointment that has started NO_SHOW; 200 + the appointment. */
    @PostMapping("/api/v1/admin/appointments/{id}/no-show")
    public Appointment noShow(AuthenticatedUser user, @PathVariable UUID id) {
        return appointments.markNoShow(user, id);
    }
}
