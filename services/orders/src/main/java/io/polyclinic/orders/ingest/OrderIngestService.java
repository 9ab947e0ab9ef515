package io.polyclinic.orders.ingest;

import io.polyclinic.orders.ingest.InvalidOrderException.Reason;
import io.polyclinic.orders.order.OrderCache;
import io.polyclinic.orders.order.OrderDocument;
import io.polyclinic.orders.order.OrderStoreService;
import io.polyclinic.platform.kafka.ConsumedRecordMetrics;
import io.polyclinic.platform.kafka.RejectedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of records from topic {@code orders}: validates each, then writes all valid orders in ONE
 * transaction, then puts them into the cache. An invalid record, an order stored before with other content and an
 * order the database refuses come back as {@link RejectedRecord}s for the dead-letter topic (reason: the
 * {@link InvalidOrderException.Reason}'s code); the same order again (same {@code order_uid}, same content) is
 * ignored. An order is never half-stored.
 *
 * <p>Isolation: when the database refuses the batch for what one order holds (a constraint or a value out of range,
 * SQLSTATE classes 22 and 23), the batch is stored again one order per transaction, so only the guilty order is
 * rejected. Any other failure (the database down, a lost connection, a bug) is thrown: the caller retries the whole
 * batch without limit, which stores nothing twice; no valid order is dead-lettered for a failure that is not its own.
 */
@Service
public class OrderIngestService {

    private static final Logger log = LoggerFactory.getLogger(OrderIngestService.class);

    private final OrderValidator validator;
    private final OrderStoreService orders;
    private final OrderCache cache;
    private final TransactionTemplate transactions;
    private final ConsumedRecordMetrics metrics;

    public OrderIngestService(
            OrderValidator validator,
            OrderStoreService orders,
            OrderCache cache,
            TransactionTemplate transactions,
            ConsumedRecordMetrics metrics) {
        this.validator = validator;
        this.orders = orders;
        this.cache = cache;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /**
     * Validates and stores a batch of record values, in the order read.
     *
     * @return the records to dead-letter, by index into {@code values}
     * @throws org.springframework.dao.DataAccessException when the database fails for a reason that is no order's
     *     fault; nothing of the batch is stored then
     */
    public List<RejectedRecord> ingest(List<byte[]> values) {
        var rejections = new ArrayList<RejectedRecord>();
        // First occurrence of each order_uid in the batch; later ones are compared with it.
        var candidates = new LinkedHashMap<String, Candidate>();
        int duplicates = 0;
        for (int i = 0; i < values.size(); i++) {
            OrderDocument document;
            try {
                document = validator.validate(values.get(i));
            } catch (InvalidOrderException e) {
                rejections.add(rejected(i, e));
                continue;
            }
            var first = candidates.putIfAbsent(document.orderUid(), new Candidate(i, document));
            if (first != null) {
                if (first.document().sha256().equals(document.sha256())) {
                    duplicates++;
                } else {
                    rejections.add(rejected(i, conflict(document.orderUid())));
                }
            }
        }
        var outcome = store(new ArrayList<>(candidates.values()));
        rejections.addAll(outcome.rejections());
        duplicates += outcome.duplicates();
        metrics.stored(outcome.stored());
        metrics.duplicates(duplicates);
        rejections.sort((a, b) -> Integer.compare(a.index(), b.index()));
        for (var rejection : rejections) {
            metrics.deadLettered(rejection.reason());
        }
        return rejections;
    }

    private Outcome store(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return new Outcome(0, 0, List.of());
        }
        try {
            return storeTogether(candidates);
        } catch (DataIntegrityViolationException e) {
            log.warn(
                    "The database refused a batch of {} orders ({}); storing them one by one",
                    candidates.size(),
                    e.getClass().getSimpleName());
        }
        int stored = 0;
        int duplicates = 0;
        var rejections = new ArrayList<RejectedRecord>();
        for (var candidate : candidates) {
            try {
                var outcome = storeTogether(List.of(candidate));
                stored += outcome.stored();
                duplicates += outcome.duplicates();
                rejections.addAll(outcome.rejections());
            } catch (DataIntegrityViolationException e) {
                rejections.add(rejected(
                        candidate.index(),
                        new InvalidOrderException(
                                Reason.REJECTED_BY_DATABASE,
                                "The database refused the order: "
                                        + e.getClass().getSimpleName())));
            }
        }
        return new Outcome(stored, duplicates, rejections);
    }

    /** One transaction: insert the new orders, compare the others with what is stored; then cache the new ones. */
    private Outcome storeTogether(List<Candidate> candidates) {
        var documents = candidates.stream().map(Candidate::document).toList();
        var result = transactions.execute(status -> {
            Set<String> inserted = orders.insertNew(documents);
            var others = new ArrayList<String>();
            for (var document : documents) {
                if (!inserted.contains(document.orderUid())) {
                    others.add(document.orderUid());
                }
            }
            Map<String, String> storedHashes = others.isEmpty() ? new HashMap<>() : orders.contentHashes(others);
            return new Stored(inserted, storedHashes);
        });
        int duplicates = 0;
        var rejections = new ArrayList<RejectedRecord>();
        for (var candidate : candidates) {
            var document = candidate.document();
            if (result.inserted().contains(document.orderUid())) {
                cache.put(document.orderUid(), document.json());
            } else if (document.sha256().equals(result.storedHashes().get(document.orderUid()))) {
                duplicates++;
            } else {
                rejections.add(rejected(candidate.index(), conflict(document.orderUid())));
            }
        }
        return new Outcome(result.inserted().size(), duplicates, rejections);
    }

    /** The dead letter's reason: the fault's code, and its message (field paths and rules, no personal values). */
    private static RejectedRecord rejected(int index, InvalidOrderException failure) {
        return new RejectedRecord(index, failure.reason().code(), failure.getMessage());
    }

    private static InvalidOrderException conflict(String orderUid) {
        return new InvalidOrderException(
                Reason.CONFLICTING_DUPLICATE,
                "Order " + orderUid + " was stored before with different content; the stored order stays");
    }

    private record Candidate(int index, OrderDocument document) {}

    private record Stored(Set<String> inserted, Map<String, String> storedHashes) {}

    private record Outcome(int stored, int duplicates, List<RejectedRecord> rejections) {}
}
