package io.polyclinic.booking.clinic;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Body of {@code PUT /api/v1/admin/clinics/{id}/managers}: the complete list of the clinic's managers' user ids. */
public record ClinicManagersRequest(
        @NotNull @Size(max = 100) List<@NotNull UUID> userIds) {}
