package io.polyclinic.booking.review;

import java.time.Instant;
import java.util.UUID;

/**
 * A review as moderators see it, visible or hidden:
 * {@code {"id","doctorId","doctorName","rating","text","createdAt","hiddenAt","hiddenReason"}}. As on the doctor's
 * card, the author is not shown.
 *
 * @param rating 1..5
 * @param hiddenAt when it was hidden; null while visible
 * @param hiddenReason the moderator's reason; null while visible
 */
public record ModeratedReview(
        UUID id,
        UUID doctorId,
        String doctorName,
        int rating,
        String text,
        Instant createdAt,
        Instant hiddenAt,
        String hiddenReason) {}
