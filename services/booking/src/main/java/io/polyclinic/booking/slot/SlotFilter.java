package io.polyclinic.booking.slot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * Which slots of one doctor a listing reads: those starting after {@code after} whose start falls on local dates
 * {@code from..to} (inclusive) in their clinic's zone.
 *
 * @param doctorId the doctor
 * @param from the first local date, or null for no lower date bound ({@code after} alone)
 * @param to the last local date (required)
 * @param after only slots starting strictly after this instant
 * @param until only slots starting at or before this instant (the booking horizon), or no such bound when null
 * @param status only this status, or every status when null
 * @param clinicIds only slots in these clinics (an empty set matches nothing), or in every clinic when null
 */
public record SlotFilter(
        UUID doctorId,
        LocalDate from,
        LocalDate to,
        Instant after,
        Instant until,
        SlotStatus status,
        Set<UUID> clinicIds) {}
