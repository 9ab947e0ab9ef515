package io.polyclinic.analytics.processor;

import io.polyclinic.analytics.enrichment.GeoIpCountries;
import io.polyclinic.analytics.enrichment.PageUrls;
import io.polyclinic.analytics.enrichment.ReferrerSources;
import io.polyclinic.analytics.enrichment.UserAgents;
import io.polyclinic.analytics.enrichment.VisitorIds;
import io.polyclinic.analytics.event.StoredEvent;
import io.polyclinic.analytics.site.Site;
import io.polyclinic.contracts.analytics.RawEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a raw event into what is stored (decision 0049): country from the IP address, browser, OS and device from the
 * user agent, the referrer's source, the page's UTM parameters, and the visitor hash of the event's UTC day; the IP
 * address and the user agent go no further than this class. The session is assigned afterwards.
 */
final class EventEnricher {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID NO_SESSION = new UUID(0, 0);

    private final GeoIpCountries countries;
    private final UserAgents userAgents;
    private final VisitorIds visitorIds;

    EventEnricher(GeoIpCountries countries, UserAgents userAgents, VisitorIds visitorIds) {
        this.countries = countries;
        this.userAgents = userAgents;
        this.visitorIds = visitorIds;
    }

    /**
     * @throws IllegalArgumentException when the URL is no absolute http(s) URL
     */
    StoredEvent enrich(RawEvent raw, Site site) {
        var page = PageUrls.parse(raw.url());
        var referrerHost = ReferrerSources.referrerHost(raw.referrer(), site.domains());
        var agent = userAgents.classify(raw.userAgent());
        var day = LocalDate.ofInstant(raw.receivedAt(), ZoneOffset.UTC);
        long visitor = visitorIds.visitorId(
                day,
                site.id(),
                Objects.requireNonNullElse(raw.clientIp(), ""),
                Objects.requireNonNullElse(raw.userAgent(), ""));
        var props = raw.props() == null || raw.props().isEmpty() ? null : JSON.writeValueAsString(raw.props());
        var revenue = raw.revenue();
        return new StoredEvent(
                UUID.fromString(raw.eventId()),
                raw.receivedAt(),
                site.id(),
                raw.clientTimestamp(),
                raw.type(),
                raw.name(),
                page.hostname(),
                page.path(),
                referrerHost,
                ReferrerSources.source(referrerHost, page.utmSource()),
                page.utmSource(),
                page.utmMedium(),
                page.utmCampaign(),
                countries.country(raw.clientIp()),
                agent.browser(),
                agent.os(),
                agent.device(),
                raw.screenWidth(),
                visitor,
                NO_SESSION,
                props,
                revenue == null ? null : new BigDecimal(revenue.amount()),
                revenue == null ? null : revenue.currency());
    }
}
