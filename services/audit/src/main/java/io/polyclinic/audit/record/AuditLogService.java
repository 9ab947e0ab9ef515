package io.polyclinic.audit.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.audit.shared.AuditProperties;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Use cases of the audit log: append records (idempotently, all or nothing per call, extending the keyed chain and
 * then its anchor) and query them.
 *
 * <p>Anchor rule (decision 0030): the anchor is written after the batch's commit, so a crash between the two leaves
 * it one batch behind. Every append first compares the locked chain head with the anchor: a head one batch ahead is
 * anchored before anything new is appended (so the anchor never lags by more than one batch), and a head behind the
 * anchor or off its link refuses the append with {@link ChainIntegrityException}.
 */
@Service
public class AuditLogService {

    private static final Logger log = LoggerFactory.getLogger(AuditLogService.class);

    private final AuditRecordRepository repository;
    private final Clock clock;
    private final int maxBatchRecords;
    private final MeterRegistry meters;
    private final Counter duplicates;

    private final ChainKeys keys;
    private final ChainAnchorStore anchors;

    public AuditLogService(
            AuditRecordRepository repository,
            Clock clock,
            MeterRegistry meters,
            AuditProperties properties,
            ChainKeys keys,
            ChainAnchorStore anchors) {
        this.repository = repository;
        this.keys = keys;
        this.anchors = anchors;
        this.clock = clock;
        this.maxBatchRecords = properties.maxBatchRecords();
        this.meters = meters;
        this.duplicates = Counter.builder("polyclinic.audit.records.duplicates")
                .description("Records received again (by id) and not written a second time")
                .register(meters);
    }

    /** The most records one {@link #append} accepts. */
    public int maxBatchRecords() {
        return maxBatchRecords;
    }

    /**
     * Appends the records that are not in the log yet, in the given order, in one transaction. A record whose id is
     * already stored (or repeated within {@code records}) is skipped: re-sending is harmless.
     *
     * @param records 1..{@link #maxBatchRecords()} records, already checked by {@link AuditRecord#of}
     * @return what was stored and each record's position
     * @throws InvalidRequestException for an empty or over-long list
     * @throws ChainIntegrityException when the database's chain no longer matches the anchor
     */
    @Transactional
    public AppendResult append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            throw new InvalidRequestException("records", "At least one record is required.");
        }
        if (records.size() > maxBatchRecords) {
            throw new InvalidRequestException(
                    "records", "A batch holds at most " + maxBatchRecords + " records; split it.");
        }
        var head = repository.lockHead();
        catchUpAnchor(head);
        var ids = new LinkedHashSet<UUID>();
        records.forEach(r -> ids.add(r.id()));
        var seqs = new HashMap<>(repository.seqsOf(ids));
        var recordedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var appended = new ArrayList<LoggedRecord>();
        long seq = head.lastSeq();
        byte[] hash = head.lastHash();
        for (var record : records) {
            if (seqs.containsKey(record.id())) {
                continue;
            }
            seq++;
            hash = HashChain.keyedLink(keys, keys.currentId(), hash, seq, recordedAt, record);
            appended.add(new LoggedRecord(seq, recordedAt, hash, keys.currentId(), record));
            seqs.put(record.id(), seq);
        }
        if (!appended.isEmpty()) {
            repository.insert(appended);
            repository.moveHead(seq, hash);
            anchorAfterCommit(seq, hash);
        }
        for (var logged : appended) {
            Counter.builder("polyclinic.audit.records.written")
                    .description("Records appended to the audit log")
                    .tag("source", logged.record().source())
                    .register(meters)
                    .increment();
        }
        int skipped = records.size() - appended.size();
        duplicates.increment(skipped);
        var positions = records.stream().map(r -> seqs.get(r.id())).toList();
        return new AppendResult(records.size(), appended.size(), skipped, positions);
    }

    /**
     * Brings the anchor to the locked head when the previous batch committed but was not anchored (a crash or a
     * failed write in between); refuses when the head is behind the anchor or does not hold its link.
     */
    private void catchUpAnchor(ChainHead head) {
        var anchor = anchors.current();
        if (head.lastSeq() < anchor.seq()) {
            throw new ChainIntegrityException("The audit log ends at seq " + head.lastSeq()
                    + " but its anchor holds seq " + anchor.seq() + ": records were removed");
        }
        if (head.lastSeq() == anchor.seq()) {
            if (!MessageDigest.isEqual(head.lastHash(), anchor.hash())) {
                throw new ChainIntegrityException(
                        "The audit log's head differs from its anchor at seq " + anchor.seq() + ": it was rewritten");
            }
            return;
        }
        if (anchor.seq() > 0) {
            var anchored = repository.hashAt(anchor.seq());
            if (anchored.isEmpty() || !MessageDigest.isEqual(anchored.get(), anchor.hash())) {
                throw new ChainIntegrityException(
                        "The audit log differs from its anchor at seq " + anchor.seq() + ": it was rewritten");
            }
        }
        anchors.advance(head.lastSeq(), head.lastHash());
    }

    /**
     * Anchors the batch once it has committed. A failed write is only logged: the batch is stored, and the next
     * append anchors it before adding anything (or fails while the file stays unwritable).
     */
    private void anchorAfterCommit(long seq, byte[] hash) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    anchors.advance(seq, hash);
                } catch (UncheckedIOException e) {
                    log.warn("The audit chain anchor was not moved to seq {}; the next append retries", seq, e);
                }
            }
        });
    }

    /** One page of records matching {@code query}, newest first. */
    @Transactional(readOnly = true)
    public PageResponse<LoggedRecord> find(AuditQuery query, PageQuery page) {
        var items = repository.find(query, page);
        long total = page.page() == 0 && items.size() < page.size() ? items.size() : repository.count(query);
        return PageResponse.of(items, page, total);
    }

    /** The chain head as last committed (no lock): where a chain walk ends. */
    public ChainHead head() {
        return repository.head();
    }

    /** Up to {@code limit} records with {@code seq > afterSeq}, in {@code seq} order: one batch of a chain walk. */
    public List<LoggedRecord> chainAfter(long afterSeq, int limit) {
        return repository.chainAfter(afterSeq, limit);
    }
}
