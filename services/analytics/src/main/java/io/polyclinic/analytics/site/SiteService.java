package io.polyclinic.analytics.site;

import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sites: add, change, delete, read (S7). An ADMIN acts on every clinic's sites, a CLINIC_MANAGER on those of the
 * clinics in their token's clinic scope; a site outside the caller's reach answers 404, as if it did not exist. Every
 * change is audited and its record published, through the outbox in the same transaction, to the compacted topic the
 * collector learns sites from ({@link SitePublisher}).
 */
@Service
public class SiteService {

    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SiteRepository repository;
    private final SitePublisher publisher;
    private final AuditTrail audit;
    private final Clock clock;

    public SiteService(SiteRepository repository, SitePublisher publisher, AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds a site with a fresh tracking id.
     *
     * @throws SiteProblems.NotClinicManagerException (403) for a clinic outside the caller's scope
     * @throws InvalidRequestException (400) for a host name or time zone that is not one
     */
    @Transactional
    public Site create(AuthenticatedUser user, SiteRequest request) {
        requireManages(user, request.clinicId());
        var now = clock.instant();
        var site = new Site(
                Ids.newId(),
                request.clinicId(),
                request.name().strip(),
                newTrackingId(),
                domains(request.domains()),
                zone(request.timeZone()),
                true,
                now,
                now);
        repository.insert(site);
        publisher.publish(site);
        audit.record(new AuditEntry(
                user.id(), "ANALYTICS_SITE_CREATED", "analytics-site", site.id().toString(), details(site)));
        return site;
    }

    /**
     * Replaces a site's name, domains and time zone (the tracking id and clinic stay).
     *
     * @throws NotFoundException (404) for an unknown, deleted or foreign site
     * @throws InvalidRequestException (400) when the clinic differs, or for a bad host name or time zone
     */
    @Transactional
    public Site update(AuthenticatedUser user, UUID id, SiteRequest request) {
        var site = get(user, id);
        if (!site.clinicId().equals(request.clinicId())) {
            throw new InvalidRequestException("clinicId", "A site stays with its clinic.");
        }
        var changed = new Site(
                site.id(),
                site.clinicId(),
                request.name().strip(),
                site.trackingId(),
                domains(request.domains()),
                zone(request.timeZone()),
                true,
                site.createdAt(),
                clock.instant());
        repository.update(changed);
        publisher.publish(changed);
        audit.record(
                new AuditEntry(user.id(), "ANALYTICS_SITE_UPDATED", "analytics-site", id.toString(), details(changed)));
        return changed;
    }

    /**
     * Deletes a site: it becomes inactive, the collector refuses its events from then on, its data stays.
     *
     * @throws NotFoundException (404) for an unknown, already deleted or foreign site
     */
    @Transactional
    public void delete(AuthenticatedUser user, UUID id) {
        var site = get(user, id);
        var deleted = new Site(
                site.id(),
                site.clinicId(),
                site.name(),
                site.trackingId(),
                site.domains(),
                site.timeZone(),
                false,
                site.createdAt(),
                clock.instant());
        repository.update(deleted);
        publisher.publish(deleted);
        audit.record(
                new AuditEntry(user.id(), "ANALYTICS_SITE_DELETED", "analytics-site", id.toString(), details(deleted)));
    }

    /**
     * One active site the caller may see.
     *
     * @throws NotFoundException (404) otherwise
     */
    @Transactional(readOnly = true)
    public Site get(AuthenticatedUser user, UUID id) {
        return repository
                .find(id)
                .filter(Site::active)
                .filter(site -> user.isAdmin() || user.managesClinic(site.clinicId()))
                .orElseThrow(() -> new NotFoundException("Site", id));
    }

    /** The active sites the caller may see, by name. */
    @Transactional(readOnly = true)
    public PageResponse<Site> list(AuthenticatedUser user, PageQuery page) {
        var clinics = user.isAdmin() ? null : user.clinicScope();
        if (clinics != null && clinics.isEmpty()) {
            return PageResponse.of(List.of(), page, 0);
        }
        return PageResponse.of(
                repository.listActive(clinics, page.offset(), page.size()), page, repository.countActive(clinics));
    }

    /**
     * Makes sure a site with this fixed tracking id exists and is active, creating it (published and audited as by an
     * administrator) if not: for a known test site whose snippet is written down before the site exists, such as the
     * dev stack's demo site.
     *
     * @param trackingId 8..64 characters {@code [A-Za-z0-9_-]}
     * @return the site, as it was or as created
     * @throws InvalidRequestException for a bad tracking id, host name or time zone
     */
    @Transactional
    public Site ensureSite(UUID clinicId, String name, String trackingId, List<String> domains, String timeZone) {
        if (!trackingId.matches("[A-Za-z0-9_-]{8,64}")) {
            throw new InvalidRequestException("trackingId", "A tracking id has 8..64 letters, digits, _ or -.");
        }
        var existing = repository.findByTrackingId(trackingId);
        if (existing.isPresent() && existing.get().active()) {
            return existing.get();
        }
        if (existing.isPresent()) {
            var site = existing.get();
            var revived = new Site(
                    site.id(),
                    site.clinicId(),
                    site.name(),
                    site.trackingId(),
                    site.domains(),
                    site.timeZone(),
                    true,
                    site.createdAt(),
                    clock.instant());
            repository.update(revived);
            publisher.publish(revived);
            return revived;
        }
        var now = clock.instant();
        var site = new Site(Ids.newId(), clinicId, name, trackingId, domains(domains), zone(timeZone), true, now, now);
        repository.insert(site);
        publisher.publish(site);
        audit.record(new AuditEntry(
                null, "ANALYTICS_SITE_CREATED", "analytics-site", site.id().toString(), details(site)));
        return site;
    }

    /**
     * The active sites with these tracking ids, by tracking id (for the processor: unknown and deleted ones are
     * missing).
     */
    @Transactional(readOnly = true)
    public Map<String, Site> activeByTrackingIds(Collection<String> trackingIds) {
        var sites = new HashMap<String, Site>();
        if (!trackingIds.isEmpty()) {
            for (var site : repository.findActiveByTrackingIds(trackingIds)) {
                sites.put(site.trackingId(), site);
            }
        }
        return sites;
    }

    /**
     * A site by id, active or not, without an access check (for the dev stack's demo data and for the processor).
     */
    @Transactional(readOnly = true)
    public Optional<Site> find(UUID id) {
        return repository.find(id);
    }

    private static void requireManages(AuthenticatedUser user, UUID clinicId) {
        if (!user.isAdmin() && !user.managesClinic(clinicId)) {
            throw new SiteProblems.NotClinicManagerException();
        }
    }

    /** 128 random bits, URL-safe Base64 without padding: 22 characters. */
    static String newTrackingId() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> domains(List<String> given) {
        var domains = new LinkedHashSet<String>();
        for (var domain : given) {
            var host = domain.strip().toLowerCase(Locale.ROOT);
            if (!HOST.matcher(host).matches()) {
                throw new InvalidRequestException("domains", "Each domain is a host name such as www.clinic.example.");
            }
            domains.add(host);
        }
        return new ArrayList<>(domains);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new InvalidRequestException("timeZone", "Not a time zone id; use one such as Europe/Berlin.");
        }
    }

    private static Map<String, Object> details(Site site) {
        return Map.of(
                "clinicId", site.clinicId().toString(),
                "name", site.name(),
                "domains", site.domains(),
                "timeZone", site.timeZone().getId(),
                "active", site.active());
    }
}
