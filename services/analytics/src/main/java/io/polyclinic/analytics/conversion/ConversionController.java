package io.polyclinic.analytics.conversion;

import io.polyclinic.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/analytics/reports/bookings}: the "bookings" goal of a site over a period. */
@RestController
@Tag(name = "Analytics reports")
public class ConversionController {

    private final ConversionService conversions;

    public ConversionController(ConversionService conversions) {
        this.conversions = conversions;
    }

    /**
     * {@code ?siteId=&from=&to=} (ISO-8601 instants, {@code to} excluded, at most 366 days): 200 and a
     * {@link BookingGoal}; 400 bad period; 404 unknown or foreign site.
     */
    @Operation(summary = "Appointments booked from the site's tracked visits, by source and campaign")
    @GetMapping("/api/v1/analytics/reports/bookings")
    BookingGoal bookings(
            AuthenticatedUser user, @RequestParam UUID siteId, @RequestParam Instant from, @RequestParam Instant to) {
        return conversions.goal(user, siteId, from, to);
    }
}
