package io.polyclinic.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends pending outbox rows to their destinations, on one virtual thread per service instance.
 *
 * <p>Every round (at most every {@code poll-interval} when idle, at once while batches come back full), for each
 * destination with pending rows and a sender that {@linkplain OutboxSender#supports supports} it:
 *
 * <ol>
 *   <li>one short transaction takes the destination's advisory lock and claims up to {@code batch-size} rows in
 *       {@code id} order with a lease of {@code claim-lease} ({@link OutboxRepository#claim}); while the
 *       destination's oldest pending row is claimed by someone else it claims nothing, so over all replicas one relay
 *       at a time sends a destination and the {@code id} order of each key holds;
 *   <li>the sender sends them with no transaction open and no pooled connection held (a slow broker never pins a
 *       row lock or a connection);
 *   <li>a second short transaction marks the outcome and ends the claim: published when the sender returned; dead,
 *       with the reason, for rows the destination refused for good ({@link RejectedMessagesException}, counted in
 *       {@code polyclinic.outbox.dead}), which then no longer block the rows behind them; and otherwise the failed
 *       attempt is counted, the error kept on the rows, and the destination rests (backoff doubling from
 *       {@code retry-backoff} to {@code max-retry-backoff}), so nothing behind a failed message overtakes it.
 * </ol>
 *
 * <p>Delivery is at least once: a relay that stops between the send and the second transaction leaves its rows
 * claimed until the lease runs out, and the next round sends them again. Destinations without a sender (e.g.
 * {@code audit} before the audit sender is on the classpath) stay pending. It also deletes published rows older than
 * {@code retention} (dead rows are kept), and refreshes the pending / dead / lag gauges.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int PRUNE_BATCH = 10_000;
    private static final int MAX_ERROR_LENGTH = 2000;
    private static final Duration STATS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MISSING_TABLE_RECHECK = Duration.ofSeconds(30);

    private final OutboxRepository repository;
    private final List<OutboxSender> senders;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final Clock clock;

    /** Per destination: when it may be tried again, and the current backoff. */
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();

    private final Set<String> reportedWithoutSender = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Thread thread;
    private Instant nextPrune = Instant.MIN;
    private Instant nextStats = Instant.MIN;

    private record Backoff(Instant until, Duration current) {}

    /** What one destination's round did. */
    private record Round(int published, int dead, boolean failed, Exception error) {
        static final Round NOTHING = new Round(0, 0, false, null);
    }

    public OutboxRelay(
            OutboxRepository repository,
            List<OutboxSender> senders,
            PlatformTransactionManager transactionManager,
            OutboxProperties properties,
            OutboxMetrics metrics,
            Clock clock) {
        this.repository = repository;
        this.senders = List.copyOf(senders);
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One round over every destination with pending rows.
     *
     * @return true when some destination filled a whole batch (more rows are likely waiting)
     */
    public boolean relayOnce() {
        boolean more = false;
        for (var destination :
                repository.pendingDestinations().stream().sorted().toList()) {
            var backoff = backoffs.get(destination);
            if (backoff != null && clock.instant().isBefore(backoff.until())) {
                continue;
            }
            var sender = senders.stream().filter(s -> s.supports(destination)).findFirst();
            if (sender.isEmpty()) {
                if (reportedWithoutSender.add(destination)) {
                    log.info("Outbox rows for {} stay pending: no sender supports that destination", destination);
                }
                continue;
            }
            var round = relay(destination, sender.get());
            if (round.failed()) {
                metrics.sendFailed(destination);
                var next = backoff == null
                        ? properties.retryBackoff()
                        : min(backoff.current().multipliedBy(2), properties.maxRetryBackoff());
                backoffs.put(destination, new Backoff(clock.instant().plus(next), next));
                log.warn(
                        "Outbox send to {} failed; retrying in {} ms: {}",
                        destination,
                        next.toMillis(),
                        describe(round.error()));
            } else {
                backoffs.remove(destination);
                if (round.published() > 0) {
                    metrics.published(destination, round.published());
                }
                more |= round.published() + round.dead() == properties.batchSize();
            }
        }
        return more;
    }

    private Round relay(String destination, OutboxSender sender) {
        var leaseUntil = clock.instant().plus(properties.claimLease());
        var claimed = transactions.execute(status -> repository.tryLockDestination(destination)
                ? repository.claim(destination, properties.batchSize(), leaseUntil)
                : List.<OutboxMessage>of());
        if (claimed == null || claimed.isEmpty()) {
            return Round.NOTHING;
        }
        Map<UUID, String> rejected = Map.of();
        Exception failure = null;
        try {
            sender.send(claimed);
        } catch (RejectedMessagesException e) {
            rejected = e.rejected();
            failure = e.transientFailure();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = e;
        }
        var dead = rejected;
        var others = claimed.stream()
                .map(OutboxMessage::id)
                .filter(id -> !dead.containsKey(id))
                .toList();
        var error = failure;
        transactions.executeWithoutResult(status -> {
            dead.forEach((id, reason) -> repository.markDead(id, truncate(reason)));
            if (!others.isEmpty()) {
                if (error == null) {
                    repository.markPublished(others);
                } else {
                    repository.markFailed(others, truncate(describe(error)));
                }
            }
        });
        dead.forEach((id, reason) -> {
            metrics.dead(destination);
            log.error(
                    "Outbox message {} to {} is dead, its destination refused it for good: {}",
                    id,
                    destination,
                    reason);
        });
        return error == null
                ? new Round(others.size(), dead.size(), false, null)
                : new Round(0, dead.size(), true, error);
    }

    /**
     * Deletes rows published longer than {@code retention} ago.
     *
     * @return how many were deleted
     */
    public int prune() {
        var before = clock.instant().minus(properties.retention());
        int total = 0;
        int deleted;
        do {
            deleted = repository.prunePublishedBefore(before, PRUNE_BATCH);
            total += deleted;
        } while (deleted == PRUNE_BATCH);
        return total;
    }

    /** Measures the pending rows for the gauges. */
    public void refreshStats() {
        metrics.pending(repository.pendingStats());
    }

    private void loop() {
        boolean tableReady = false;
        while (running) {
            Duration pause = properties.pollInterval();
            try {
                if (!tableReady) {
                    tableReady = repository.tableExists();
                    if (!tableReady) {
                        log.info("No outbox table: the outbox relay waits for one");
                        park(MISSING_TABLE_RECHECK);
                        continue;
                    }
                }
                if (relayOnce()) {
                    pause = Duration.ZERO;
                }
                var now = clock.instant();
                if (!now.isBefore(nextStats)) {
                    refreshStats();
                    nextStats = now.plus(STATS_INTERVAL);
                }
                if (!now.isBefore(nextPrune)) {
                    var pruned = prune();
                    if (pruned > 0) {
                        log.debug("Pruned {} published outbox rows", pruned);
                    }
                    nextPrune = now.plus(properties.pruneInterval());
                }
            } catch (RuntimeException e) {
                // The database is down or restarting: keep the thread, try again after a pause.
                log.warn("Outbox relay round failed: {}", describe(e));
                pause = properties.retryBackoff();
            }
            park(pause);
        }
    }

    private void park(Duration pause) {
        if (running && pause.isPositive()) {
            LockSupport.parkNanos(this, pause.toNanos());
        }
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name("outbox-relay").start(this::loop);
    }

    @Override
    public void stop() {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
            thread = null;
        }
        if (current != null) {
            LockSupport.unpark(current);
            try {
                // A send in progress ends within its timeout; its rows stay pending if it does not finish.
                current.join(properties.sendTimeout().plusSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String describe(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage() + " ("
                        + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
