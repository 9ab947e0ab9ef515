package io.polyclinic.booking.appointment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.booking.appointment.AppointmentProblems.AppointmentNotActiveException;
import io.polyclinic.booking.appointment.AppointmentProblems.AppointmentNotStartedException;
import io.polyclinic.booking.appointment.AppointmentProblems.CancelCutoffPassedException;
import io.polyclinic.booking.appointment.AppointmentProblems.DoctorNotAvailableException;
import io.polyclinic.booking.appointment.AppointmentProblems.RescheduleCutoffPassedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotAlreadyBookedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotBlockedException;
import io.polyclinic.booking.appointment.AppointmentProblems.SlotStartedException;
import io.polyclinic.booking.appointment.AppointmentProblems.TooFarAheadException;
import io.polyclinic.booking.appointment.AppointmentProblems.TooManyAppointmentsException;
import io.polyclinic.booking.appointment.AppointmentProblems.TooShortNoticeException;
import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.booking.slot.Slot;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BookingRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final BookingRules rules =
            new BookingRules(Duration.ofHours(1), Duration.ofHours(2), 5, Duration.ofDays(90));

    private static Slot slot(SlotStatus status, Instant start) {
        return new Slot(
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), start, start.plusSeconds(1800), status);
    }

    @Test
    void aFreeSlotOfAnActiveDoctorAnHourAheadIsBookable() {
        assertThatCode(() -> rules.checkBookable(
                        slot(SlotStatus.AVAILABLE, NOW.plusSeconds(3600)), DoctorStatus.ACTIVE, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aSlotStartingSoonerThanTheMinimumNoticeIsRefused() {
        assertThatThrownBy(() -> rules.checkBookable(
                        slot(SlotStatus.AVAILABLE, NOW.plusSeconds(3599)), DoctorStatus.ACTIVE, NOW))
                .isInstanceOf(TooShortNoticeException.class);
    }

    @Test
    void aStartedSlotIsRefused() {
        assertThatThrownBy(() -> rules.checkBookable(slot(SlotStatus.AVAILABLE, NOW), DoctorStatus.ACTIVE, NOW))
                .isInstanceOf(SlotStartedException.class);
    }

    @Test
    void bookedAndBlockedSlotsAreConflicts() {
        var future = NOW.plusSeconds(86400);
        assertThatThrownBy(() -> rules.checkBookable(slot(SlotStatus.BOOKED, future), DoctorStatus.ACTIVE, NOW))
                .isInstanceOf(SlotAlreadyBookedException.class);
        assertThatThrownBy(() -> rules.checkBookable(slot(SlotStatus.BLOCKED, future), DoctorStatus.ACTIVE, NOW))
                .isInstanceOf(SlotBlockedException.class);
    }

    @Test
    void doctorsOnLeaveOrInactiveCannotBeBooked() {
        var future = NOW.plusSeconds(86400);
        assertThatThrownBy(() -> rules.checkBookable(slot(SlotStatus.AVAILABLE, future), DoctorStatus.ON_LEAVE, NOW))
                .isInstanceOf(DoctorNotAvailableException.class);
        assertThatThrownBy(() -> rules.checkBookable(slot(SlotStatus.AVAILABLE, future), DoctorStatus.INACTIVE, NOW))
                .isInstanceOf(DoctorNotAvailableException.class);
    }

    @Test
    void theFifthFutureAppointmentIsTheLast() {
        assertThatCode(() -> rules.checkFutureAppointments(4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkFutureAppointments(5)).isInstanceOf(TooManyAppointmentsException.class);
    }

    @Test
    void aPatientCancelsUntilTheCutoffOnly() {
        assertThatCode(() -> rules.checkCancellable(AppointmentStatus.BOOKED, NOW.plusSeconds(7200), false, null, NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(
                        () -> rules.checkCancellable(AppointmentStatus.BOOKED, NOW.plusSeconds(7199), false, null, NOW))
                .isInstanceOf(CancelCutoffPassedException.class);
    }

    @Test
    void staffCancelAnyTimeButOnlyWithAReason() {
        assertThatCode(() -> rules.checkCancellable(AppointmentStatus.BOOKED, NOW.minusSeconds(60), true, "ill", NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkCancellable(AppointmentStatus.BOOKED, NOW, true, " ", NOW))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void onlyBookedAppointmentsCanBeCancelled() {
        for (var status : new AppointmentStatus[] {
            AppointmentStatus.CANCELLED, AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW
        }) {
            assertThatThrownBy(() -> rules.checkCancellable(status, NOW.plusSeconds(86400), true, "x", NOW))
                    .isInstanceOf(AppointmentNotActiveException.class);
        }
    }

    @Test
    void aSlotBeyondTheBookingHorizonIsRefusedButOneOnItsLastDayIsNot() {
        var horizon = NOW.plus(Duration.ofDays(90));
        assertThatCode(() -> rules.checkBookable(slot(SlotStatus.AVAILABLE, horizon), DoctorStatus.ACTIVE, NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkBookable(
                        slot(SlotStatus.AVAILABLE, horizon.plusSeconds(1)), DoctorStatus.ACTIVE, NOW))
                .isInstanceOf(TooFarAheadException.class);
    }

    @Test
    void aPatientReschedulesABookedAppointmentUntilTheCutoffOnly() {
        assertThatCode(() -> rules.checkReschedulable(AppointmentStatus.BOOKED, NOW.plusSeconds(7200), NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkReschedulable(AppointmentStatus.BOOKED, NOW.plusSeconds(7199), NOW))
                .isInstanceOf(RescheduleCutoffPassedException.class);
        assertThatThrownBy(() -> rules.checkReschedulable(AppointmentStatus.CANCELLED, NOW.plusSeconds(86400), NOW))
                .isInstanceOf(AppointmentNotActiveException.class);
    }

    @Test
    void aNoShowNeedsAStartedBookedOrCompletedAppointment() {
        assertThatCode(() -> rules.checkNoShow(AppointmentStatus.BOOKED, NOW, NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> rules.checkNoShow(AppointmentStatus.COMPLETED, NOW.minusSeconds(3600), NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkNoShow(AppointmentStatus.BOOKED, NOW.plusSeconds(1), NOW))
                .isInstanceOf(AppointmentNotStartedException.class);
        assertThatThrownBy(() -> rules.checkNoShow(AppointmentStatus.CANCELLED, NOW.minusSeconds(60), NOW))
                .isInstanceOf(AppointmentNotActiveException.class);
        assertThatThrownBy(() -> rules.checkNoShow(AppointmentStatus.NO_SHOW, NOW.minusSeconds(60), NOW))
                .isInstanceOf(AppointmentNotActiveException.class);
    }
}
