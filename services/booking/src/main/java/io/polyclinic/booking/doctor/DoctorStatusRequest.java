package io.polyclinic.booking.doctor;

import io.polyclinic.booking.shared.DoctorStatus;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PATCH /api/v1/admin/doctors/{id}/status}: {@code {"status":"ON_LEAVE"}}. */
public record DoctorStatusRequest(@NotNull DoctorStatus status) {}
