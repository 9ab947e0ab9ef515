package io.polyclinic.booking.review;

import io.polyclinic.booking.appointment.AppointmentStatus;
import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.booking.review.ReviewProblems.NoCompletedAppointmentException;
import io.polyclinic.booking.review.ReviewProblems.ReviewExistsException;
import io.polyclinic.booking.shared.BusinessMetrics;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.events.ReviewPostedData;
import io.polyclinic.platform.audit.AuditDetails;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviews (S3 "Reviews"): a patient reviews a doctor after a COMPLETED appointment with them, once per appointment;
 * the doctor's rating average and count change in the same transaction; admins hide (and unhide) abusive reviews,
 * which then leave the rating.
 *
 * <p>Locks, always in this order: the appointment row (so a no-show cannot be marked under a review being posted),
 * then the doctor row (so rating recomputations of one doctor never interleave).
 */
@Service
public class ReviewService {

    private final ReviewRepository reviews;
    private final Clock clock;
    private final SideEffects effects;

    public ReviewService(ReviewRepository reviews, Clock clock, SideEffects effects) {
        this.reviews = reviews;
        this.clock = clock;
        this.effects = effects;
    }

    /**
     * Posts the caller's review of a doctor.
     *
     * @throws NotFoundException (404) unknown doctor; NoCompletedAppointmentException (422) the appointment is not
     *     the caller's COMPLETED appointment with this doctor; ReviewExistsException (409) it has a review already
     */
    @Transactional
    public Review post(AuthenticatedUser patient, UUID doctorId, ReviewRequest request) {
        if (!reviews.doctorExists(doctorId)) {
            throw new NotFoundException("doctor", doctorId);
        }
        var appointment =
                reviews.lockAppointment(request.appointmentId()).orElseThrow(NoCompletedAppointmentException::new);
        if (!appointment.patientId().equals(patient.id())
                || !appointment.doctorId().equals(doctorId)
                || appointment.status() != AppointmentStatus.COMPLETED) {
            throw new NoCompletedAppointmentException();
        }
        reviews.lockDoctor(doctorId);
        var id = Ids.newId();
        var text = request.text() == null || request.text().isBlank() ? null : request.text();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!reviews.insert(id, request.appointmentId(), doctorId, patient.id(), request.rating(), text, now)) {
            throw new ReviewExistsException();
        }
        reviews.recomputeRating(doctorId);
        effects.start()
                .event(
                        EventTypes.REVIEW_POSTED,
                        doctorId,
                        new ReviewPostedData(id, doctorId, request.appointmentId(), patient.id(), request.rating()))
                .evictDoctor(doctorId)
                .count(BusinessMetrics::reviewPosted)
                .apply();
        return reviews.findById(id).orElseThrow();
    }

    /**
     * A page of the doctor's visible reviews, newest first.
     *
     * @throws NotFoundException (404) unknown doctor
     */
    public PageResponse<Review> visible(UUID doctorId, PageQuery page) {
        if (!reviews.doctorExists(doctorId)) {
            throw new NotFoundException("doctor", doctorId);
        }
        return PageResponse.of(
                reviews.findVisible(doctorId, page.offset(), page.size()), page, reviews.countVisible(doctorId));
    }

    /**
     * One visible review of the doctor.
     *
     * @throws NotFoundException (404) unknown, hidden, or of another doctor
     */
    public Review visible(UUID doctorId, UUID reviewId) {
        return reviews.findVisible(doctorId, reviewId).orElseThrow(() -> new NotFoundException("review", reviewId));
    }

    /**
     * A page of reviews for moderators: all of them newest first ({@code hidden} null), the visible ones (false), or
     * the hidden ones, most recently hidden first (true).
     */
    @Transactional(readOnly = true)
    public PageResponse<ModeratedReview> forModeration(Boolean hidden, PageQuery page) {
        return PageResponse.of(
                reviews.findForModeration(hidden, page.offset(), page.size()),
                page,
                reviews.countForModeration(hidden));
    }

    /**
     * Hides a review (idempotent): it leaves the doctor's card and rating.
     *
     * @param reason why, kept with the review for the audit trail
     * @throws NotFoundException (404) unknown review
     */
    @Transactional
    public void hide(AuthenticatedUser admin, UUID reviewId, String reason) {
        var review = reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("review", reviewId));
        reviews.lockDoctor(review.doctorId());
        if (reviews.hide(reviewId, clock.instant().truncatedTo(ChronoUnit.MICROS), admin.id(), reason.strip())) {
            reviews.recomputeRating(review.doctorId());
            effects.start()
                    .audit(new AuditEntry(
                            admin.id(),
                            "REVIEW_HIDDEN",
                            "review",
                            reviewId.toString(),
                            AuditDetails.of("doctorId", review.doctorId(), "reason", reason.strip())))
                    .evictDoctor(review.doctorId())
                    .apply();
        }
    }

    /**
     * Shows a hidden review again (idempotent); it counts in the rating again.
     *
     * @throws NotFoundException (404) unknown review
     */
    @Transactional
    public void unhide(AuthenticatedUser admin, UUID reviewId) {
        var review = reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("review", reviewId));
        reviews.lockDoctor(review.doctorId());
        if (reviews.unhide(reviewId)) {
            reviews.recomputeRating(review.doctorId());
            effects.start()
                    .audit(new AuditEntry(
                            admin.id(),
                            "REVIEW_SHOWN",
                            "review",
                            reviewId.toString(),
                            AuditDetails.of("doctorId", review.doctorId())))
                    .evictDoctor(review.doctorId())
                    .apply();
        }
    }
}
