package io.polyclinic.booking.appointment;

import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.clinic.ClinicService;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A clinic's appointments of one day for its staff: the day is a local date in the clinic's time zone, so a day in
 * Vladivostok is Vladivostok's midnight to midnight (23 or 25 hours on a daylight-saving change).
 */
@Service
public class ClinicDayService {

    /** A page of one day's appointments with the clinic's zone and the day, so a page can show local times. */
    public record ClinicDay(
            UUID clinicId, String clinicName, String timeZone, LocalDate date, PageResponse<ClinicAppointment> page) {}

    private final ClinicDayRepository days;
    private final ClinicService clinics;
    private final ClinicAccess access;
    private final Clock clock;

    public ClinicDayService(ClinicDayRepository days, ClinicService clinics, ClinicAccess access, Clock clock) {
        this.days = days;
        this.clinics = clinics;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The clinic's appointments starting on {@code date} in its zone, by start.
     *
     * @param date a local date; null for today in the clinic's zone
     * @param status one status, or null for all
     * @throws io.polyclinic.platform.problem.NotFoundException (404) unknown clinic
     * @throws ClinicAccess.NotClinicManagerException (403) for a manager of other clinics
     */
    @Transactional(readOnly = true)
    public ClinicDay day(
            AuthenticatedUser user, UUID clinicId, LocalDate date, AppointmentStatus status, PageQuery page) {
        var clinic = clinics.get(clinicId);
        access.requireManages(user, clinicId);
        var zone = ZoneId.of(clinic.timeZone());
        var day = date == null ? LocalDate.now(clock.withZone(zone)) : date;
        var from = day.atStartOfDay(zone).toInstant();
        var to = day.plusDays(1).atStartOfDay(zone).toInstant();
        var items = days.find(clinicId, from, to, status, page.offset(), page.size());
        var result = PageResponse.of(items, page, days.count(clinicId, from, to, status));
        return new ClinicDay(clinic.id(), clinic.name(), clinic.timeZone(), day, result);
    }
}
