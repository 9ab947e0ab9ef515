package io.polyclinic.contracts.events;

import java.util.UUID;

/**
 * The data of ReviewPosted.
 *
 * @param reviewId the review
 * @param doctorId the doctor reviewed (also the record key)
 * @param appointmentId the completed appointment the review is about
 * @param patientId the author
 * @param rating 1..5
 */
public record ReviewPostedData(UUID reviewId, UUID doctorId, UUID appointmentId, UUID patientId, int rating) {}
