package io.polyclinic.contracts.events;

import java.util.UUID;

/**
 * The data of DoctorRegistered and DoctorUpdated.
 *
 * @param doctorId the doctor (also the record key)
 * @param fullName the full name after the change
 * @param status {@code ACTIVE|ON_LEAVE|INACTIVE} after the change
 */
public record DoctorEventData(UUID doctorId, String fullName, String status) {}
