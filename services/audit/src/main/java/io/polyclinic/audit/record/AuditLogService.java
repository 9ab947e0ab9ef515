package io.polyclinic.audit.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.audit.config.AuditProperties;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases of the audit log: append records (idempotently, all or nothing per call, extending the hash chain)
 * and query them.
 */
@Service
public class AuditLogService {

    private final AuditRecordRepository repository;
    private final Clock clock;
    private final int maxBatchRecords;
    private final MeterRegistry meters;
    private final Counter duplicates;

    public AuditLogService(
            AuditRecordRepository repository, Clock clock, MeterRegistry meters, AuditProperties properties) {
        this.repository = repository;
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
            hash = HashChain.link(hash, seq, recordedAt, record);
            appended.add(new LoggedRecord(seq, recordedAt, hash, record));
            seqs.put(record.id(), seq);
        }
        if (!appended.isEmpty()) {
            repository.insert(appended);
            repository.moveHead(seq, hash);
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

    /** One page of records matching {@code query}, newest first. */
    @Transactional(readOnly = true)
    public PageResponse<LoggedRecord> find(AuditQuery query, PageQuery page) {
        var items = repository.find(query, page);
        long total = page.page() == 0 && items.size() < page.size() ? items.size() : repository.count(query);
        return PageResponse.of(items, page, total);
    }
}
