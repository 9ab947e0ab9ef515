package io.polyclinic.booking.schedule;

import java.util.UUID;

/**
 * What a working plan produced: {@code created} new slots, {@code skipped} generated slots that overlapped
 * existing ones.
 */
public record WorkingPlanResult(UUID planId, UUID doctorId, UUID clinicId, String timeZone, int created, int skipped) {}
