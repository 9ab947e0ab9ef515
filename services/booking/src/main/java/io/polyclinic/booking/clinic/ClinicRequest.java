package io.polyclinic.booking.clinic;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/admin/clinics} and {@code PUT /api/v1/admin/clinics/{id}}.
 *
 * @param timeZone an IANA zone id ({@code Europe/Berlin}); an unknown zone is a 400
 */
public record ClinicRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 500) String address,
        @NotBlank @Size(max = 100) String city,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @NotBlank @Size(max = 64) String timeZone,

        @Size(max = 40) @Pattern(regexp = "[0-9+()\\- ]*", message = "must contain only digits, spaces, + - ( )")
        String phone) {}
