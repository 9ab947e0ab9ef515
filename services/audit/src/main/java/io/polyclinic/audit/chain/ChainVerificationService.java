package io.polyclinic.audit.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.audit.config.AuditProperties;
import io.polyclinic.audit.record.AuditRecordRepository;
import io.polyclinic.audit.record.HashChain;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Verifies the audit log's hash chain: walks every record in {@code seq} order, in batches so that memory stays
 * flat, recomputes each link from the stored fields and the previous link, and compares it with the stored one and
 * finally with the chain head. The walk ends at the head read when it starts, so records appended meanwhile are
 * left for the next run.
 */
@Service
public class ChainVerificationService {

    private static final Logger log = LoggerFactory.getLogger(ChainVerificationService.class);

    private final AuditRecordRepository repository;
    private final int batchSize;
    private final MeterRegistry meters;

    public ChainVerificationService(
            AuditRecordRepository repository, AuditProperties properties, MeterRegistry meters) {
        this.repository = repository;
        this.batchSize = properties.verifyBatchSize();
        this.meters = meters;
    }

    /** Walks the whole chain; never throws for a broken chain, reports it. */
    public ChainVerification verify() {
        var head = repository.head();
        var previous = HashChain.GENESIS;
        long expected = 1;
        ChainVerification result = null;
        walk:
        while (expected <= head.lastSeq()) {
            var batch = repository.chainAfter(expected - 1, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            for (var logged : batch) {
                if (logged.seq() > head.lastSeq()) {
                    break walk;
                }
                if (logged.seq() != expected) {
                    result = broken(expected, head.lastSeq());
                    break walk;
                }
                var link = HashChain.link(previous, logged.seq(), logged.recordedAt(), logged.record());
                if (!MessageDigest.isEqual(link, logged.hash())) {
                    result = broken(expected, head.lastSeq());
                    break walk;
                }
                previous = logged.hash();
                expected++;
            }
        }
        if (result == null) {
            boolean reachedHead = expected - 1 == head.lastSeq() && MessageDigest.isEqual(previous, head.lastHash());
            result = reachedHead
                    ? new ChainVerification(true, expected - 1, null, head.lastSeq())
                    : broken(expected > head.lastSeq() ? head.lastSeq() : expected, head.lastSeq());
        }
        if (!result.valid()) {
            log.error(
                    "The audit log's hash chain is broken at seq {} (head {}): a record was altered or removed",
                    result.firstBrokenSeq(),
                    result.headSeq());
        }
        Counter.builder("polyclinic.audit.verify.runs")
                .description("Hash-chain verifications, by result")
                .tag("result", result.valid() ? "valid" : "broken")
                .register(meters)
                .increment();
        return result;
    }

    private static ChainVerification broken(long seq, long headSeq) {
        return new ChainVerification(false, seq - 1, seq, headSeq);
    }
}
