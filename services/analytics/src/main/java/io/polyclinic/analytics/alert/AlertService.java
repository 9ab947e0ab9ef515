package io.polyclinic.analytics.alert;

import io.polyclinic.analytics.site.SiteService;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import io.polyclinic.platform.problem.RuleViolationException;
import io.polyclinic.platform.security.AuthenticatedUser;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert rules of a site (S7 "Alerts"): add, change, delete, list, and each rule's firing history. Who may: as for the
 * site itself (an ADMIN every site, a CLINIC_MANAGER their clinics' sites); a site or rule outside the caller's reach
 * answers 404. Evaluation and firing: {@link AlertEvaluator}.
 */
@Service
public class AlertService {

    /** The most rules one site has. */
    static final int MAX_RULES_PER_SITE = 20;

    private final AlertRepository repository;
    private final SiteService sites;
    private final Clock clock;

    public AlertService(AlertRepository repository, SiteService sites, Clock clock) {
        this.repository = repository;
        this.sites = sites;
        this.clock = clock;
    }

    /**
     * Adds a rule to a site.
     *
     * @throws NotFoundException (404) unknown or foreign site
     * @throws InvalidRequestException (400) a "no pageviews" threshold above a week of minutes
     * @throws RuleViolationException (422) the site has {@value #MAX_RULES_PER_SITE} rules already
     */
    @Transactional
    public AlertRule create(AuthenticatedUser user, UUID siteId, AlertRuleRequest request) {
        sites.get(user, siteId);
        check(request);
        if (repository.countBySite(siteId) >= MAX_RULES_PER_SITE) {
            throw new RuleViolationException(
                    "too-many-alert-rules",
                    "Too many alert rules",
                    "A site has at most " + MAX_RULES_PER_SITE + " alert rules.");
        }
        var now = clock.instant();
        var rule = new AlertRule(
                Ids.newId(),
                siteId,
                request.kind(),
                request.threshold(),
                request.cooldownOrDefault(),
                request.email(),
                request.localeOrDefault(),
                request.enabledOrDefault(),
                null,
                now,
                now);
        repository.insert(rule);
        return rule;
    }

    /**
     * Replaces a rule's settings; its firing history and cooldown stay.
     *
     * @throws NotFoundException (404) unknown or foreign site or rule
     * @throws InvalidRequestException (400) as for {@link #create}
     */
    @Transactional
    public AlertRule update(AuthenticatedUser user, UUID siteId, UUID id, AlertRuleRequest request) {
        var rule = get(user, siteId, id);
        check(request);
        var changed = new AlertRule(
                rule.id(),
                siteId,
                request.kind(),
                request.threshold(),
                request.cooldownOrDefault(),
                request.email(),
                request.localeOrDefault(),
                request.enabledOrDefault(),
                rule.lastFiredAt(),
                rule.createdAt(),
                clock.instant());
        repository.update(changed);
        return changed;
    }

    /**
     * Deletes a rule with its history.
     *
     * @throws NotFoundException (404) unknown or foreign site or rule
     */
    @Transactional
    public void delete(AuthenticatedUser user, UUID siteId, UUID id) {
        sites.get(user, siteId);
        if (!repository.delete(siteId, id)) {
            throw new NotFoundException("alert rule", id);
        }
    }

    /**
     * One rule.
     *
     * @throws NotFoundException (404) unknown or foreign site or rule
     */
    public AlertRule get(AuthenticatedUser user, UUID siteId, UUID id) {
        sites.get(user, siteId);
        return repository.find(siteId, id).orElseThrow(() -> new NotFoundException("alert rule", id));
    }

    /**
     * The rules of a site, oldest first (at most {@value #MAX_RULES_PER_SITE}).
     *
     * @throws NotFoundException (404) unknown or foreign site
     */
    public List<AlertRule> list(AuthenticatedUser user, UUID siteId) {
        sites.get(user, siteId);
        return repository.listBySite(siteId);
    }

    /**
     * A rule's firings, newest first, paged.
     *
     * @throws NotFoundException (404) unknown or foreign site or rule
     */
    public PageResponse<AlertFiring> firings(AuthenticatedUser user, UUID siteId, UUID id, PageQuery page) {
        var rule = get(user, siteId, id);
        return PageResponse.of(
                repository.firings(rule.id(), page.offset(), page.size()), page, repository.countFirings(rule.id()));
    }

    private static void check(AlertRuleRequest request) {
        if (request.kind() == AlertKind.NO_PAGEVIEWS && request.threshold() > AlertRuleRequest.MAX_QUIET_MINUTES) {
            throw new InvalidRequestException(
                    "threshold", "For NO_PAGEVIEWS the threshold is minutes: at most 10080 (a week).");
        }
    }
}
