package io.polyclinic.booking.schedule;

import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.clinic.ClinicService;
import io.polyclinic.booking.doctor.DoctorService;
import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.booking.shared.BookingProperties;
import io.polyclinic.booking.slot.NewSlot;
import io.polyclinic.booking.slot.SlotProblems.DoctorNotInClinicException;
import io.polyclinic.booking.slot.SlotService;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies a weekly working plan: generates a doctor's slots for a date range in the clinic's time zone. */
@Service
public class WorkingPlanService {

    private final SlotService slots;
    private final WorkingPlanRepository plans;
    private final DoctorService doctors;
    private final ClinicService clinics;
    private final ClinicAccess access;
    private final BookingProperties properties;
    private final Clock clock;
    private final SideEffects effects;

    public WorkingPlanService(
            SlotService slots,
            WorkingPlanRepository plans,
            DoctorService doctors,
            ClinicService clinics,
            ClinicAccess access,
            BookingProperties properties,
            Clock clock,
            SideEffects effects) {
        this.slots = slots;
        this.plans = plans;
        this.doctors = doctors;
        this.clinics = clinics;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
        this.effects = effects;
    }

    /**
     * Generates the plan's slots; those overlapping existing slots, and those already started, are skipped.
     *
     * @throws NotFoundException (404) unknown doctor or clinic; 403 foreign clinic; 400 inverted dates or times,
     *     a range over max-working-plan-days, a break outside the day; 422 doctor not in the clinic
     */
    @Transactional
    public WorkingPlanResult apply(AuthenticatedUser user, UUID doctorId, WorkingPlanRequest request) {
        doctors.require(doctorId);
        var clinic = clinics.get(request.clinicId());
        access.requireManages(user, clinic.id());
        var plan = validate(request);
        if (!doctors.worksIn(doctorId, clinic.id())) {
            throw new DoctorNotInClinicException();
        }
        var now = clock.instant();
        var generated = SlotGenerator.generate(plan, ZoneId.of(clinic.timeZone())).stream()
                .filter(i -> i.start().isAfter(now))
                .map(i -> new NewSlot(Ids.newId(), doctorId, clinic.id(), i.start(), i.end()))
                .toList();
        var created = slots.addSkippingOverlaps(generated);
        var skipped = generated.size() - created;
        var id = Ids.newId();
        plans.insert(id, doctorId, clinic.id(), plan, created, skipped, user.id());
        effects.start()
                .audit(new AuditEntry(
                        user.id(),
                        "WORKING_PLAN_APPLIED",
                        "doctor",
                        doctorId.toString(),
                        Map.of(
                                "planId",
                                id,
                                "clinicId",
                                clinic.id(),
                                "from",
                                plan.from(),
                                "to",
                                plan.to(),
                                "created",
                                created,
                                "skipped",
                                skipped)))
                .evictDoctor(doctorId)
                .apply();
        return new WorkingPlanResult(id, doctorId, clinic.id(), clinic.timeZone(), created, skipped);
    }

    private WeeklyPlan validate(WorkingPlanRequest r) {
        if (r.to().isBefore(r.from())) {
            throw new InvalidRequestException("to", "to must not be before from.");
        }
        if (ChronoUnit.DAYS.between(r.from(), r.to()) >= properties.maxWorkingPlanDays()) {
            throw new InvalidRequestException(
                    "to", "A working plan may span at most " + properties.maxWorkingPlanDays() + " days.");
        }
        if (!r.endTime().isAfter(r.startTime())) {
            throw new InvalidRequestException("endTime", "endTime must be after startTime.");
        }
        var breaks = r.breaks() == null
                ? List.<WeeklyPlan.LocalTimeRange>of()
                : r.breaks().stream()
                        .map(b -> new WeeklyPlan.LocalTimeRange(b.start(), b.end()))
                        .toList();
        for (var b : breaks) {
            if (!b.end().isAfter(b.start())) {
                throw new InvalidRequestException("breaks", "A break must end after it starts.");
            }
        }
        return new WeeklyPlan(
                r.from(), r.to(), EnumSet.copyOf(r.days()), r.startTime(), r.endTime(), breaks, r.slotMinutes());
    }
}
