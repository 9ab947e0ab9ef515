package io.polyclinic.analytics.site;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A website a clinic tracks (S7).
 *
 * @param id the database id (never shown to the tracker)
 * @param clinicId the clinic that owns it
 * @param name a display name, 1..200 characters
 * @param trackingId the random, unguessable id the snippet carries (22 URL-safe characters, 128 bits)
 * @param domains the host names whose pages may report events, lower case, 1..20
 * @param timeZone the zone reports are shown in (the local day and hour of the site's owner)
 * @param active false once deleted: the collector refuses its events, its data stays
 * @param createdAt when it was added
 * @param updatedAt when it last changed
 */
public record Site(
        UUID id,
        UUID clinicId,
        String name,
        String trackingId,
        List<String> domains,
        ZoneId timeZone,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {}
