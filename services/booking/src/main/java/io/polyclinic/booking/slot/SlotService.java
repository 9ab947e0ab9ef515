package io.polyclinic.booking.slot;

import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.clinic.ClinicService;
import io.polyclinic.booking.doctor.Doctor;
import io.polyclinic.booking.doctor.DoctorService;
import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.booking.shared.BookingProperties;
import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.booking.shared.LocalDateRange;
import io.polyclinic.booking.slot.SlotProblems.DoctorNotInClinicException;
import io.polyclinic.booking.slot.SlotProblems.SlotBookedException;
import io.polyclinic.booking.slot.SlotProblems.SlotHasHistoryException;
import io.polyclinic.booking.slot.SlotProblems.SlotInPastException;
import io.polyclinic.booking.slot.SlotProblems.SlotOverlapsException;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases of slots: the public free-slot list and the admin/manager slot list (both paged), and admin/manager
 * create, block, unblock, delete.
 */
@Service
public class SlotService {

    /** The longest single slot an admin may create. */
    static final Duration MAX_SLOT_LENGTH = Duration.ofHours(12);

    private final SlotRepository slots;
    private final DoctorService doctors;
    private final ClinicService clinics;
    private final ClinicAccess access;
    private final BookingProperties properties;
    private final Clock clock;
    private final SideEffects effects;

    public SlotService(
            SlotRepository slots,
            DoctorService doctors,
            ClinicService clinics,
            ClinicAccess access,
            BookingProperties properties,
            Clock clock,
            SideEffects effects) {
        this.slots = slots;
        this.doctors = doctors;
        this.clinics = clinics;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
        this.effects = effects;
    }

    /**
     * One page of a doctor's free slots, by start: AVAILABLE, bookable (starting at least min-notice and at most
     * max-advance from now), of
     * an ACTIVE doctor (an empty page for a doctor on leave or inactive, who cannot be booked), on local dates
     * {@code from..to} in each slot's clinic zone, optionally in one clinic. Without {@code from} the list starts at
     * "bookable from now"; {@code to} defaults to {@code from} (or, without it, today in UTC) + 6 days.
     *
     * @param page the requested page ({@code totalItems} counts every matching slot, not just this page)
     * @throws NotFoundException (404) for an unknown doctor; InvalidRequestException (400) for a bad range
     */
    public PageResponse<Slot> freeSlots(UUID doctorId, LocalDate from, LocalDate to, UUID clinicId, PageQuery page) {
        var doctor = requireDoctor(doctorId);
        var range = range(from, to);
        if (doctor.status() != DoctorStatus.ACTIVE) {
            return PageResponse.of(List.of(), page, 0);
        }
        return page(
                new SlotFilter(
                        doctorId,
                        from,
                        range.to(),
                        clock.instant().plus(properties.minNotice()),
                        clock.instant().plus(properties.maxAdvance()),
                        SlotStatus.AVAILABLE,
                        clinicId == null ? null : Set.of(clinicId)),
                page);
    }

    /**
     * One page of every slot of a doctor on local dates {@code from..to}, by start, any status (or only
     * {@code status}), past ones included (admin view); without {@code from}, from now. A CLINIC_MANAGER sees only
     * the slots in the clinics they manage (an empty page when they manage none of the doctor's).
     *
     * @throws NotFoundException (404) for an unknown doctor; InvalidRequestException (400) for a bad range
     */
    public PageResponse<Slot> allSlots(
            AuthenticatedUser user, UUID doctorId, LocalDate from, LocalDate to, SlotStatus status, PageQuery page) {
        requireDoctor(doctorId);
        var range = range(from, to);
        return page(
                new SlotFilter(
                        doctorId,
                        from,
                        range.to(),
                        from == null ? clock.instant() : Instant.EPOCH,
                        null,
                        status,
                        access.manageableClinicIds(user)),
                page);
    }

    private PageResponse<Slot> page(SlotFilter filter, PageQuery page) {
        return PageResponse.of(slots.findPage(filter, page.offset(), page.size()), page, slots.count(filter));
    }

    /**
     * Creates one AVAILABLE slot.
     *
     * @throws NotFoundException (404) unknown doctor or clinic; 403 foreign clinic; 400 end not after start or
     *     longer than 12 h; 422 past start or doctor not in the clinic; {@link SlotOverlapsException} (409)
     */
    @Transactional
    public Slot create(AuthenticatedUser user, UUID doctorId, SlotRequest request) {
        requireDoctor(doctorId);
        clinics.get(request.clinicId());
        access.requireManages(user, request.clinicId());
        if (!request.end().isAfter(request.start())) {
            throw new InvalidRequestException("end", "end must be after start.");
        }
        if (Duration.between(request.start(), request.end()).compareTo(MAX_SLOT_LENGTH) > 0) {
            throw new InvalidRequestException("end", "A slot may last at most 12 hours.");
        }
        if (!request.start().isAfter(clock.instant())) {
            throw new SlotInPastException();
        }
        if (!doctors.worksIn(doctorId, request.clinicId())) {
            throw new DoctorNotInClinicException();
        }
        var slot = new NewSlot(
                Ids.newId(),
                doctorId,
                request.clinicId(),
                request.start().truncatedTo(ChronoUnit.SECONDS),
                request.end().truncatedTo(ChronoUnit.SECONDS));
        if (!slots.insert(slot)) {
            throw new SlotOverlapsException();
        }
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "SLOT_CREATED",
                        "slot",
                        slot.id().toString(),
                        Map.of(
                                "doctorId",
                                doctorId,
                                "clinicId",
                                slot.clinicId(),
                                "start",
                                slot.start(),
                                "end",
                                slot.end())))
                .evictDoctor(doctorId)
                .apply();
        return slots.findById(slot.id()).orElseThrow();
    }

    /** AVAILABLE -> BLOCKED (idempotent); 409 for a BOOKED slot. */
    @Transactional
    public Slot block(AuthenticatedUser user, UUID slotId) {
        return move(user, slotId, SlotStatus.AVAILABLE, SlotStatus.BLOCKED);
    }

    /** BLOCKED -> AVAILABLE (idempotent); 409 for a BOOKED slot. */
    @Transactional
    public Slot unblock(AuthenticatedUser user, UUID slotId) {
        return move(user, slotId, SlotStatus.BLOCKED, SlotStatus.AVAILABLE);
    }

    /** Deletes an AVAILABLE or BLOCKED slot without appointment history; 409 otherwise. */
    @Transactional
    public void delete(AuthenticatedUser user, UUID slotId) {
        var slot = ownedSlot(user, slotId);
        if (slot.status() == SlotStatus.BOOKED) {
            throw new SlotBookedException(slotId);
        }
        if (slots.hasAppointments(slotId)) {
            throw new SlotHasHistoryException();
        }
        if (!slots.deleteUnbooked(slotId)) {
            throw new SlotBookedException(slotId);
        }
        effects.start()
                .audit(new AuditEntry(user.id(), "SLOT_DELETED", "slot", slotId.toString(), Map.of("before", slot)))
                .evictDoctor(slot.doctorId())
                .apply();
    }

    private Slot move(AuthenticatedUser user, UUID slotId, SlotStatus from, SlotStatus to) {
        var slot = ownedSlot(user, slotId);
        if (slot.status() == to) {
            return slot;
        }
        if (!slots.transition(slotId, from, to)) {
            throw new SlotBookedException(slotId);
        }
        var action = to == SlotStatus.BLOCKED ? "SLOT_BLOCKED" : "SLOT_UNBLOCKED";
        effects.start()
                .audit(new AuditEntry(
                        user.id(), action, "slot", slotId.toString(), Map.of("before", slot.status(), "after", to)))
                .evictDoctor(slot.doctorId())
                .apply();
        return slots.findById(slotId).orElseThrow();
    }

    private Slot ownedSlot(AuthenticatedUser user, UUID slotId) {
        var slot = slots.findById(slotId).orElseThrow(() -> new NotFoundException("slot", slotId));
        access.requireManages(user, slot.clinicId());
        return slot;
    }

    /**
     * Frees a BOOKED slot its appointment left (cancelled or moved): BOOKED -> AVAILABLE, in the caller's transaction.
     * The caller's use case evicts and audits; a slot that is not BOOKED stays as it is.
     */
    @Transactional
    public void free(UUID slotId) {
        slots.transition(slotId, SlotStatus.BOOKED, SlotStatus.AVAILABLE);
    }

    /**
     * Adds generated AVAILABLE slots (from a working plan or the demo data), skipping any that would overlap a slot
     * of the same doctor; no audit or eviction (the caller's use case does them).
     *
     * @return how many were added
     */
    @Transactional
    public int addSkippingOverlaps(List<NewSlot> generated) {
        return slots.insertSkippingOverlaps(generated);
    }

    /** The doctor's slot in the clinic that starts exactly at {@code start} (any status), if any. */
    public Optional<Slot> findAt(UUID doctorId, UUID clinicId, Instant start) {
        return slots.findAt(doctorId, clinicId, start);
    }

    private Doctor requireDoctor(UUID doctorId) {
        return doctors.require(doctorId);
    }

    /** The checked range; a missing {@code from} counts as today in UTC for the default {@code to} and the cap. */
    private LocalDateRange range(LocalDate from, LocalDate to) {
        var start = from != null ? from : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return LocalDateRange.of(start, to != null ? to : start.plusDays(6), properties.maxSlotRangeDays());
    }
}
