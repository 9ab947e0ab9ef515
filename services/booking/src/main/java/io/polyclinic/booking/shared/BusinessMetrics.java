package io.polyclinic.booking.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The booking business counters (S3 "Business metrics"), exposed at {@code /actuator/prometheus} as
 * {@code polyclinic_appointments_booked_total}, {@code polyclinic_appointments_cancelled_total{by="PATIENT|STAFF"}},
 * {@code polyclinic_appointments_completed_total}, {@code polyclinic_appointments_no_show_total},
 * {@code polyclinic_appointments_rescheduled_total} and {@code polyclinic_reviews_posted_total}. Counters, so "per
 * day" is a query ({@code increase(...[1d])}).
 *
 * <p>Counts are added when the surrounding transaction commits, so a rolled-back booking is never counted. All
 * counters are registered at start-up, so they show (at 0) before the first event.
 */
@Component
public class BusinessMetrics {

    /** Who cancelled: the patient themselves, or clinic staff (ADMIN, CLINIC_MANAGER). */
    public enum CancelledBy {
        PATIENT,
        STAFF
    }

    private final Counter booked;
    private final Counter cancelledByPatient;
    private final Counter cancelledByStaff;
    private final Counter completed;
    private final Counter noShow;
    private final Counter rescheduled;
    private final Counter reviewsPosted;

    public BusinessMetrics(MeterRegistry registry) {
        booked = Counter.builder("polyclinic.appointments.booked")
                .description("Appointments booked")
                .register(registry);
        cancelledByPatient = cancelled(registry, CancelledBy.PATIENT);
        cancelledByStaff = cancelled(registry, CancelledBy.STAFF);
        completed = Counter.builder("polyclinic.appointments.completed")
                .description("Appointments completed after their slot ended")
                .register(registry);
        noShow = Counter.builder("polyclinic.appointments.no_show")
                .description("Appointments marked as no-show by clinic staff")
                .register(registry);
        rescheduled = Counter.builder("polyclinic.appointments.rescheduled")
                .description("Appointments moved to another slot")
                .register(registry);
        reviewsPosted = Counter.builder("polyclinic.reviews.posted")
                .description("Reviews posted by patients")
                .register(registry);
    }

    private static Counter cancelled(MeterRegistry registry, CancelledBy by) {
        return Counter.builder("polyclinic.appointments.cancelled")
                .description("Appointments cancelled")
                .tag("by", by.name())
                .register(registry);
    }

    public void booked() {
        afterCommit(booked, 1);
    }

    public void cancelled(CancelledBy by) {
        afterCommit(by == CancelledBy.PATIENT ? cancelledByPatient : cancelledByStaff, 1);
    }

    /** @param count how many appointments one completion batch closed */
    public void completed(int count) {
        afterCommit(completed, count);
    }

    public void noShow() {
        afterCommit(noShow, 1);
    }

    public void rescheduled() {
        afterCommit(rescheduled, 1);
    }

    public void reviewPosted() {
        afterCommit(reviewsPosted, 1);
    }

    private static void afterCommit(Counter counter, int amount) {
        if (amount <= 0) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment(amount);
                }
            });
        } else {
            counter.increment(amount);
        }
    }
}
