package io.polyclinic.booking.specialty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/admin/specialties} ({@code code} required) and
 * {@code PUT /api/v1/admin/specialties/{code}} ({@code code} ignored, may be omitted).
 */
public record SpecialtyRequest(
        @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case slug")
        String code,

        @NotBlank @Size(max = 200) String nameRu,
        @NotBlank @Size(max = 200) String nameEn) {}
