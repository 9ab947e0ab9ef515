package io.polyclinic.booking.schedule;

import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/admin/doctors/{id}/working-plans}: generate slots from a weekly plan (201 + counts). */
@RestController
public class WorkingPlanController {

    private final WorkingPlanService plans;

    public WorkingPlanController(WorkingPlanService plans) {
        this.plans = plans;
    }

    /** Answers {@code {"planId","doctorId","clinicId","timeZone","created","skipped"}}. */
    @PostMapping("/api/v1/admin/doctors/{id}/working-plans")
    @ResponseStatus(HttpStatus.CREATED)
    public WorkingPlanResult apply(
            AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody WorkingPlanRequest request) {
        return plans.apply(user, id, request);
    }
}
