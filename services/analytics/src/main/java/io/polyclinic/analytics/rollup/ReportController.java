package io.polyclinic.analytics.rollup;

import io.polyclinic.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/analytics/reports}: reports over the rollups of a site the caller may see (S7). */
@RestController
@RequestMapping("/api/v1/analytics/reports")
@Tag(name = "Analytics reports")
public class ReportController {

    private final ReportService reports;

    public ReportController(ReportService reports) {
        this.reports = reports;
    }

    @Operation(
            summary = "Totals, time series and breakdowns of a site, in its time zone",
            description = "period=day (today, hourly), week (7 days) or month (30 days), or from/to (local dates,"
                    + " at most 366 days)")
    @GetMapping("/summary")
    Summary summary(
            AuthenticatedUser user,
            @RequestParam UUID siteId,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return reports.summary(user, siteId, period, from, to);
    }
}
