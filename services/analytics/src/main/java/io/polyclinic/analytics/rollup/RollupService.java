package io.polyclinic.analytics.rollup;

import java.time.LocalDateTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the hourly and daily rollups up to date incrementally (decision 0048): a batch's deltas are upserted into
 * the buckets it touches, in the batch's transaction, never by rescanning events. Unique visitors stay exact per
 * bucket and value through the visitor marks: a visitor counts in a bucket the first time it is seen there, however
 * late its event arrives.
 */
@Service
public class RollupService {

    private final RollupRepository repository;

    public RollupService(RollupRepository repository) {
        this.repository = repository;
    }

    /** Applies one batch's deltas; joins the caller's transaction (the processor's batch). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(RollupDeltas deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        var fresh = repository.markVisitors(deltas.visitors());
        repository.upsert(deltas.sums(), fresh);
    }

    /** Forgets the visitor marks of buckets before {@code before} (with the raw events' retention); rollups stay. */
    @Transactional
    public int pruneVisitorMarks(LocalDateTime before) {
        return repository.pruneVisitors(before);
    }
}
