package io.polyclinic.booking.review;

import java.time.Instant;
import java.util.UUID;

/**
 * A visible review on a doctor's card: {@code {"id","doctorId","rating","text","createdAt"}}. The author is not
 * shown: booking knows patients only by user id, and every review comes from a COMPLETED appointment, so it is a
 * verified visit without naming anyone. {@code text} is the patient's text as given (or null); JSON escapes it.
 *
 * @param rating 1..5
 */
public record Review(UUID id, UUID doctorId, int rating, String text, Instant createdAt) {}
