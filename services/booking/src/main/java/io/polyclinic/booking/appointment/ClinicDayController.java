package io.polyclinic.booking.appointment;

import io.polyclinic.booking.appointment.ClinicDayService.ClinicDay;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/clinics/{id}/appointments?date=2026-12-03&status=BOOKED&page=0&size=100}: the clinic's
 * appointments of one local day (ADMIN, or CLINIC_MANAGER of that clinic).
 */
@RestController
public class ClinicDayController {

    private final ClinicDayService days;

    public ClinicDayController(ClinicDayService days) {
        this.days = days;
    }

    /**
     * Answers {@code {"clinicId","clinicName","timeZone","date","page":{"items":[appointment...],"page","size",
     * "totalItems","totalPages"}}}, appointments by start. {@code date} is a local date in the clinic's zone (today
     * there when omitted); {@code size} defaults to 100. 400 for a malformed date or status, 403 for a manager of
     * other clinics, 404 unknown clinic.
     */
    @GetMapping("/api/v1/admin/clinics/{id}/appointments")
    public ClinicDay day(
            AuthenticatedUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate date,
            @RequestParam(required = false) AppointmentStatus status,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return days.day(
                user, id, date, status, PageQuery.of(page, size == null ? Integer.valueOf(PageQuery.MAX_SIZE) : size));
    }
}
