package io.polyclinic.collector.site;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;

/**
 * The readiness probe ({@code /actuator/health/readiness}): {@code REFUSING_TRAFFIC} (503) until the sites have been
 * read to the end of {@code analytics.sites}, so a starting replica never refuses a known site's events as unknown.
 */
public final class SitesReadiness extends ReadinessStateHealthIndicator {

    private final KnownSitesService sites;

    public SitesReadiness(ApplicationAvailability availability, KnownSitesService sites) {
        super(availability);
        this.sites = sites;
    }

    @Override
    protected AvailabilityState getState(ApplicationAvailability availability) {
        var state = super.getState(availability);
        return sites.isLoaded() ? state : ReadinessState.REFUSING_TRAFFIC;
    }
}
