package io.polyclinic.analytics.event;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where enriched events are kept: PostgreSQL, partitioned by the UTC day of {@code receivedAt} (decision 0048). The
 * processor needs only these operations, so a columnar store (ClickHouse) can take PostgreSQL's place behind it when
 * one database no longer keeps up (see docs/performance.md).
 */
public interface EventStore {

    /**
     * Stores the events whose {@code (eventId, receivedAt)} is new, in the caller's transaction; the others are
     * redeliveries and are skipped.
     *
     * @return the events that were new, in input order: only these may count in sessions and rollups
     */
    List<StoredEvent> insertNew(List<StoredEvent> events);

    /** The ids of those of {@code events} already stored (same id and receipt time): redeliveries. */
    Set<UUID> storedIds(List<StoredEvent> events);

    /** Creates the day partitions for {@code from}..{@code to} (UTC days, both included) that do not exist yet. */
    void ensurePartitions(LocalDate from, LocalDate to);

    /**
     * Drops the day partitions whose whole day is before {@code day}, and deletes older rows left in the default
     * partition.
     *
     * @return how many partitions were dropped
     */
    int dropBefore(LocalDate day);
}
