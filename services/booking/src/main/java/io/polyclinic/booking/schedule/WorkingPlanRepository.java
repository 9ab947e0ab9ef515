package io.polyclinic.booking.schedule;

import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code working_plans}: the record of each plan applied and what it produced. */
@Repository
public class WorkingPlanRepository {

    private final JdbcClient jdbc;

    public WorkingPlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(
            UUID id, UUID doctorId, UUID clinicId, WeeklyPlan plan, int created, int skipped, UUID createdBy) {
        jdbc.sql("""
                insert into working_plans (id, doctor_id, clinic_id, from_date, to_date, days, start_time, end_time,
                       breaks, slot_minutes, slots_created, slots_skipped, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        id,
                        doctorId,
                        clinicId,
                        plan.from(),
                        plan.to(),
                        plan.days().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                        plan.start(),
                        plan.end(),
                        plan.breaks().stream()
                                .map(b -> b.start() + "-" + b.end())
                                .collect(Collectors.joining(",")),
                        plan.slotMinutes(),
                        created,
                        skipped,
                        createdBy)
                .update();
    }
}
