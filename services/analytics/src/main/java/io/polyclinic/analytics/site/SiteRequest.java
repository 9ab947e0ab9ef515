package io.polyclinic.analytics.site;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A site as a client creates or replaces it.
 *
 * @param clinicId the owning clinic; on a replace it must stay the same
 * @param name display name, 1..200 characters
 * @param domains host names (e.g. {@code www.clinic.example}), 1..20, each at most 253 characters
 * @param timeZone an IANA zone id such as {@code Europe/Berlin}
 */
public record SiteRequest(
        @NotNull UUID clinicId,
        @NotBlank @Size(max = 200) String name,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 253) String> domains,
        @NotBlank @Size(max = 64) String timeZone) {}
