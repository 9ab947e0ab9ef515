package io.polyclinic.booking.review;

import io.polyclinic.platform.problem.ConflictException;
import io.polyclinic.platform.problem.RuleViolationException;

/** The review failures clients see (problem type slugs in parentheses). */
public final class ReviewProblems {

    private ReviewProblems() {}

    /**
     * The appointment is not the caller's COMPLETED appointment with this doctor (no-completed-appointment): 422.
     * Unknown and foreign appointment ids get the same answer, so ids do not leak.
     */
    public static class NoCompletedAppointmentException extends RuleViolationException {
        public NoCompletedAppointmentException() {
            super(
                    "no-completed-appointment",
                    "No completed appointment",
                    "You can review a doctor only after a completed appointment with them.");
        }
    }

    /** The appointment has a review already (review-exists): 409. */
    public static class ReviewExistsException extends ConflictException {
        public ReviewExistsException() {
            super("review-exists", "Review exists", "This appointment has been reviewed already.");
        }
    }
}
