package io.polyclinic.audit.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.audit.record.AuditLogService;
import io.polyclinic.audit.record.ChainAnchor;
import io.polyclinic.audit.record.ChainAnchorStore;
import io.polyclinic.audit.record.ChainKeys;
import io.polyclinic.audit.record.HashChain;
import io.polyclinic.audit.record.LoggedRecord;
import io.polyclinic.audit.shared.AuditProperties;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.problem.NotFoundException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Verifies the audit chain as a background job (decision 0030). A job walks the records in {@code seq} order in
 * keyset-paged batches ({@code verify-batch-size}), so memory stays flat over millions of records, recomputes each
 * link (the unkeyed SHA-256 before the anchor's {@code keyedFromSeq}, the keyed HMAC from there on, with the key the
 * record names) and compares it with the stored one, with the anchor's link at the anchor's position and with the
 * database's head row at the head. It walks to the database's head or the anchor's position, whichever is further:
 * records the anchor vouches for but the database lacks are MISSING, while records past the anchor (the batch the
 * anchor may lag behind by, or records appended meanwhile) are fine.
 *
 * <p>One job runs at a time: starting while one runs returns the running one. Jobs live in memory (the last
 * {@value #KEPT_JOBS}): a restart forgets them, and a job running at shutdown ends FAILED.
 */
@Service
public class ChainVerificationService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChainVerificationService.class);
    static final int KEPT_JOBS = 20;

    private final AuditLogService records;
    private final ChainAnchorStore anchors;
    private final ChainKeys keys;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int batchSize;
    private final LinkedHashMap<UUID, VerificationJob> jobs = new LinkedHashMap<>();
    private VerificationJob running;
    private Thread worker;
    private volatile boolean stopping;

    public ChainVerificationService(
            AuditLogService records,
            ChainAnchorStore anchors,
            ChainKeys keys,
            Clock clock,
            MeterRegistry meters,
            AuditProperties properties) {
        this.records = records;
        this.anchors = anchors;
        this.keys = keys;
        this.clock = clock;
        this.meters = meters;
        this.batchSize = properties.verifyBatchSize();
    }

    /**
     * Starts a verification, or returns the one already running.
     *
     * @return the job as it is now (RUNNING with no record checked yet, for a new job)
     * @throws IllegalStateException when the service is shutting down
     */
    public synchronized VerificationView start() {
        if (running != null && running.running()) {
            return running.view();
        }
        if (stopping) {
            throw new IllegalStateException("The audit service is stopping");
        }
        // The anchor first: the head read after it is at or past it, unless records were removed.
        var anchor = anchors.current();
        var head = records.head();
        long end = Math.max(head.lastSeq(), anchor.seq());
        var job = new VerificationJob(Ids.newId(), end, anchor.seq(), Instant.now(clock));
        jobs.put(job.id(), job);
        while (jobs.size() > KEPT_JOBS) {
            jobs.remove(jobs.firstEntry().getKey());
        }
        running = job;
        worker = Thread.ofVirtual()
                .name("audit-chain-verification")
                .start(() -> run(job, new Walk(anchor, head.lastSeq(), head.lastHash(), end)));
        return job.view();
    }

    /**
     * A job's state.
     *
     * @throws NotFoundException for an unknown id (or one of a job too old to be kept)
     */
    public synchronized VerificationView find(UUID id) {
        var job = jobs.get(id);
        if (job == null) {
            throw new NotFoundException("verification", id);
        }
        return job.view();
    }

    /** Stops a running walk between two batches; it ends FAILED. */
    @Override
    public void destroy() throws InterruptedException {
        Thread thread;
        synchronized (this) {
            stopping = true;
            thread = worker;
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** What a job compares the records with, read when it starts. */
    private record Walk(ChainAnchor anchor, long headSeq, byte[] headHash, long end) {}

    private void run(VerificationJob job, Walk walk) {
        VerificationStatus status;
        BrokenRecord broken = null;
        try {
            broken = walk(job, walk);
            status = broken == null ? VerificationStatus.VALID : VerificationStatus.BROKEN;
        } catch (RuntimeException e) {
            log.error("Audit chain verification {} could not finish", job.id(), e);
            status = VerificationStatus.FAILED;
        }
        if (broken != null) {
            log.error(
                    "The audit chain is broken at seq {} ({}): a record was altered, removed or linked without the"
                            + " key (verification {})",
                    broken.seq(),
                    broken.reason(),
                    job.id());
        }
        job.finish(status, broken, Instant.now(clock));
        Counter.builder("polyclinic.audit.verify.runs")
                .description("Audit chain verifications, by result")
                .tag("result", status.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters)
                .increment();
    }

    /** Walks the chain; the first position that does not hold, or null when all do. */
    private BrokenRecord walk(VerificationJob job, Walk walk) {
        var anchor = walk.anchor();
        var previous = HashChain.GENESIS;
        long expected = 1;
        while (expected <= walk.end()) {
            if (stopping) {
                throw new IllegalStateException("The audit service stopped during the verification");
            }
            var batch = records.chainAfter(expected - 1, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            for (var logged : batch) {
                if (logged.seq() > walk.end()) {
                    break;
                }
                if (logged.seq() != expected) {
                    return new BrokenRecord(expected, null, BreakReason.MISSING);
                }
                var reason = check(logged, previous, anchor.keyedFromSeq());
                if (reason == null
                        && logged.seq() == anchor.seq()
                        && !MessageDigest.isEqual(logged.hash(), anchor.hash())) {
                    reason = BreakReason.ANCHOR_MISMATCH;
                }
                if (reason == null
                        && logged.seq() == walk.headSeq()
                        && !MessageDigest.isEqual(logged.hash(), walk.headHash())) {
                    reason = BreakReason.HEAD_MISMATCH;
                }
                if (reason != null) {
                    return new BrokenRecord(logged.seq(), logged.record().id(), reason);
                }
                previous = logged.hash();
                job.checked(expected);
                expected++;
            }
        }
        return expected <= walk.end() ? new BrokenRecord(expected, null, BreakReason.MISSING) : null;
    }

    /** Why a record's link does not hold, or null when it does. */
    private BreakReason check(LoggedRecord logged, byte[] previous, long keyedFromSeq) {
        byte[] link;
        if (logged.seq() < keyedFromSeq) {
            if (logged.keyId() != null) {
                return BreakReason.ALTERED;
            }
            link = HashChain.link(previous, logged.seq(), logged.recordedAt(), logged.record());
        } else {
            if (logged.keyId() == null) {
                return BreakReason.UNKEYED;
            }
            if (!keys.knows(logged.keyId())) {
                return BreakReason.UNKNOWN_KEY;
            }
            link = HashChain.keyedLink(
                    keys, logged.keyId(), previous, logged.seq(), logged.recordedAt(), logged.record());
        }
        return MessageDigest.isEqual(link, logged.hash()) ? null : BreakReason.ALTERED;
    }
}
