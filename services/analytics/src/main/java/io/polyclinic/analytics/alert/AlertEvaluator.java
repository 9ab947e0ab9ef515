package io.polyclinic.analytics.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.analytics.alert.AlertRepository.DueRule;
import io.polyclinic.analytics.realtime.RealtimeService;
import io.polyclinic.contracts.jobs.EmailJob;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates alert rules and fires them (decision 0050). "Visitors per hour" rules are evaluated on the stream (a
 * site's rules shortly after its events arrive, at most once per {@code stream-debounce}) and every rule by a schedule
 * ({@code evaluate-interval}), which is also what notices a "no pageviews" silence.
 *
 * <p>A firing is one transaction: the rule is claimed with a conditional update of {@code last_fired_at} (only when
 * enabled and out of its cooldown), the firing is recorded, and its email job is put in the outbox for RabbitMQ
 * queue {@code notifications.email}. Two replicas, or the stream and the schedule, evaluating the same rule at once
 * wait on the rule's row and only the first fires: one spike, one email.
 */
@Service
public class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final AlertRepository repository;
    private final RealtimeService realtime;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final AlertProperties properties;
    private final Clock clock;
    private final Counter fired;
    private final Map<UUID, Instant> lastStreamEvaluation = new ConcurrentHashMap<>();

    public AlertEvaluator(
            AlertRepository repository,
            RealtimeService realtime,
            Outbox outbox,
            TransactionTemplate transactions,
            AlertProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.repository = repository;
        this.realtime = realtime;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.fired = Counter.builder("polyclinic.analytics.alerts.fired")
                .description("Alert rules fired (each queues one email job)")
                .register(registry);
    }

    /** Evaluates every due rule; run by the schedule. */
    @Scheduled(
            fixedDelayString = "${polyclinic.analytics.alerts.evaluate-interval:30s}",
            initialDelayString = "${polyclinic.analytics.alerts.evaluate-interval:30s}")
    public void evaluateAll() {
        try {
            evaluate(null, null);
        } catch (RuntimeException e) {
            // The database is away: the next run evaluates again; nothing fired half.
            log.warn("Alert rules not evaluated: {}", e.toString());
        }
    }

    /**
     * Evaluates the "visitors per hour" rules of sites that just received events, each site at most once per
     * {@code stream-debounce}.
     *
     * @param siteIds the sites of a batch of events
     */
    public void onTraffic(Collection<UUID> siteIds) {
        var now = clock.instant();
        var due = siteIds.stream()
                .filter(site -> {
                    var last = lastStreamEvaluation.get(site);
                    return last == null || !now.isBefore(last.plus(properties.streamDebounce()));
                })
                .toList();
        if (due.isEmpty()) {
            return;
        }
        due.forEach(site -> lastStreamEvaluation.put(site, now));
        evaluate(AlertKind.VISITORS_PER_HOUR, due);
    }

    /**
     * Evaluates the due rules (of one kind and some sites, or all when null) at this moment.
     *
     * @return how many fired
     */
    public int evaluate(@Nullable AlertKind kind, @Nullable Collection<UUID> siteIds) {
        var now = clock.instant();
        var count = 0;
        for (var due : repository.due(now, kind, siteIds)) {
            var observed = observe(due.rule(), now);
            if (observed >= 0 && fire(due, observed, now)) {
                count++;
            }
        }
        return count;
    }

    /** What trips the rule now, or -1 when it does not trip. */
    private long observe(AlertRule rule, Instant now) {
        return switch (rule.kind()) {
            case VISITORS_PER_HOUR -> {
                var visitors = realtime.visitorsBetween(rule.siteId(), now.minus(HOUR), now);
                yield visitors > rule.threshold() ? visitors : -1;
            }
            case NO_PAGEVIEWS -> {
                var window = Duration.ofMinutes(rule.threshold());
                // A new rule (or a rule switched kind) waits one whole window before it may call the site silent.
                var watchedSince = rule.updatedAt().isAfter(rule.createdAt()) ? rule.updatedAt() : rule.createdAt();
                var silent = !watchedSince.plus(window).isAfter(now)
                        && !realtime.hasPageviewWithin(rule.siteId(), now, window);
                yield silent ? rule.threshold() : -1;
            }
        };
    }

    private boolean fire(DueRule due, long observed, Instant now) {
        var rule = due.rule();
        var firedNow = transactions.execute(status -> {
            if (!repository.claimFiring(rule.id(), now)) {
                return false;
            }
            var firing = new AlertFiring(Ids.newId(), rule.id(), now, observed, rule.threshold(), rule.email());
            repository.insertFiring(firing);
            var job = AlertEmails.job(rule, firing, due.siteName(), due.zone(), properties.dashboardUrl());
            outbox.append(firing.id(), properties.emailQueue(), rule.id().toString(), EmailJob.CONTRACT, job);
            return true;
        });
        if (Boolean.TRUE.equals(firedNow)) {
            fired.increment();
            log.info(
                    "Alert rule {} of site {} fired: {} ({} observed)",
                    rule.id(),
                    rule.siteId(),
                    rule.kind(),
                    observed);
            return true;
        }
        return false;
    }
}
