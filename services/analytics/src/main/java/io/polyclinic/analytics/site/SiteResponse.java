package io.polyclinic.analytics.site;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A site as the API shows it.
 *
 * @param id the site's id (for the API and reports)
 * @param clinicId the owning clinic
 * @param name display name
 * @param trackingId the id the snippet carries
 * @param domains host names whose pages report events
 * @param timeZone the zone of its reports
 * @param snippet the {@code <script>} tag to paste into every page
 * @param createdAt when it was added
 * @param updatedAt when it last changed
 */
public record SiteResponse(
        UUID id,
        UUID clinicId,
        String name,
        String trackingId,
        List<String> domains,
        String timeZone,
        String snippet,
        Instant createdAt,
        Instant updatedAt) {

    static SiteResponse of(Site site, String collectorUrl) {
        return new SiteResponse(
                site.id(),
                site.clinicId(),
                site.name(),
                site.trackingId(),
                site.domains(),
                site.timeZone().getId(),
                snippet(site.trackingId(), collectorUrl),
                site.createdAt(),
                site.updatedAt());
    }

    /** The tag to paste: loads tracker.js from the collector, which reads the tracking id from {@code data-site}. */
    static String snippet(String trackingId, String collectorUrl) {
        var base = collectorUrl.endsWith("/") ? collectorUrl.substring(0, collectorUrl.length() - 1) : collectorUrl;
        return "<script defer data-site=\"" + trackingId + "\" data-api=\"" + base + "\" src=\"" + base
                + "/tracker.js\"></script>";
    }
}
