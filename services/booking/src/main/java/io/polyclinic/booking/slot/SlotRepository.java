package io.polyclinic.booking.slot;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Rows of {@code slots}; overlaps are refused by the exclusion constraint {@code slots_no_overlap}. */
@Repository
public class SlotRepository {

    static final RowMapper<Slot> MAPPER = (rs, n) -> new Slot(
            rs.getObject("id", UUID.class),
            rs.getObject("doctor_id", UUID.class),
            rs.getObject("clinic_id", UUID.class),
            rs.getObject("start_at", OffsetDateTime.class).toInstant(),
            rs.getObject("end_at", OffsetDateTime.class).toInstant(),
            SlotStatus.valueOf(rs.getString("status")));

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public SlotRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Inserts an AVAILABLE slot; false when it overlaps another slot of the doctor. */
    public boolean insert(NewSlot slot) {
        return jdbc.sql("""
                insert into slots (id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, 'AVAILABLE') on conflict do nothing
                """)
                        .params(slot.id(), slot.doctorId(), slot.clinicId(), utc(slot.start()), utc(slot.end()))
                        .update()
                > 0;
    }

    /**
     * Inserts many AVAILABLE slots, skipping those that overlap an existing slot (or an earlier one of the batch):
     * COPY into a temporary table, then one {@code insert ... select ... on conflict do nothing}. Must run inside
     * a transaction.
     *
     * @return how many were inserted
     */
    public int insertSkippingOverlaps(List<NewSlot> slots) {
        if (slots.isEmpty()) {
            return 0;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("insertSkippingOverlaps needs a transaction");
        }
        jdbc.sql("""
                create temp table slot_import (id uuid, doctor_id uuid, clinic_id uuid,
                    start_at timestamptz, end_at timestamptz) on commit drop
                """).update();
        var data = new StringBuilder(slots.size() * 140);
        for (var s : slots) {
            data.append(s.id())
                    .append('\t')
                    .append(s.doctorId())
                    .append('\t')
                    .append(s.clinicId())
                    .append('\t')
                    .append(s.start())
                    .append('\t')
                    .append(s.end())
                    .append('\n');
        }
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy slot_import from stdin", new StringReader(data.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into slot_import failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        var inserted = jdbc.sql("""
                insert into slots (id, doctor_id, clinic_id, start_at, end_at, status)
                select id, doctor_id, clinic_id, start_at, end_at, 'AVAILABLE' from slot_import
                 order by doctor_id, start_at
                on conflict do nothing
                """).update();
        jdbc.sql("drop table slot_import").update();
        return inserted;
    }

    /** The doctor's slot in the clinic that starts exactly at {@code start}, if any. */
    public Optional<Slot> findAt(UUID doctorId, UUID clinicId, Instant start) {
        return jdbc.sql("select * from slots where doctor_id = ? and clinic_id = ? and start_at = ?")
                .params(doctorId, clinicId, utc(start))
                .query(MAPPER)
                .optional();
    }

    public Optional<Slot> findById(UUID id) {
        return jdbc.sql("select * from slots where id = ?")
                .param(id)
                .query(MAPPER)
                .optional();
    }

    /**
     * One page of the slots matching {@code filter}, by start (then id, so pages never overlap).
     *
     * @param offset rows to skip
     * @param limit at most this many rows
     */
    public List<Slot> findPage(SlotFilter filter, long offset, int limit) {
        var condition = condition(filter);
        if (condition == null) {
            return List.of();
        }
        return jdbc.sql("select s.* from slots s where " + condition.sql()
                        + " order by s.start_at, s.id limit :limit offset :offset")
                .params(condition.params())
                .param("limit", limit)
                .param("offset", offset)
                .query(MAPPER)
                .list();
    }

    /** How many slots match {@code filter} (the total behind {@link #findPage}). */
    public long count(SlotFilter filter) {
        var condition = condition(filter);
        if (condition == null) {
            return 0;
        }
        return jdbc.sql("select count(*) from slots s where " + condition.sql())
                .params(condition.params())
                .query(Long.class)
                .single();
    }

    /** A WHERE clause (over {@code slots s}) with its named parameters. */
    private record Condition(String sql, Map<String, Object> params) {}

    /**
     * The one condition shared by {@link #findPage} and {@link #count}; null when nothing can match (an empty
     * clinic set). The local date of a slot is its start in its clinic's zone; the instant bounds {@code low} and
     * {@code high} (zones span UTC-12..UTC+14) let the index on {@code start_at} narrow the scan first.
     */
    private static Condition condition(SlotFilter filter) {
        if (filter.clinicIds() != null && filter.clinicIds().isEmpty()) {
            return null;
        }
        var low = filter.from() == null
                ? filter.after()
                : filter.from().atStartOfDay().toInstant(ZoneOffset.UTC).minus(14, ChronoUnit.HOURS);
        var params = new HashMap<String, Object>();
        params.put("doctorId", filter.doctorId());
        params.put("after", utc(filter.after()));
        params.put("low", utc(low));
        params.put(
                "high",
                filter.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).plusHours(12));
        params.put("until", filter.until() == null ? null : utc(filter.until()));
        params.put("from", filter.from());
        params.put("to", filter.to());
        params.put("status", filter.status() == null ? null : filter.status().name());
        var sql = """
                s.doctor_id = :doctorId and s.start_at > :after
                   and s.start_at >= :low and s.start_at < :high
                   and (cast(:until as timestamptz) is null or s.start_at <= :until)
                   and (cast(:from as date) is null or s.local_date >= :from)
                   and s.local_date <= :to
                   and (cast(:status as text) is null or s.status = :status)""";
        if (filter.clinicIds() != null) {
            sql += " and s.clinic_id in (:clinicIds)";
            params.put("clinicIds", List.copyOf(filter.clinicIds()));
        }
        return new Condition(sql, params);
    }

    /** Moves a slot from one status to another; false when it was not in {@code from}. */
    public boolean transition(UUID id, SlotStatus from, SlotStatus to) {
        return jdbc.sql("update slots set status = ? where id = ? and status = ?")
                        .params(to.name(), id, from.name())
                        .update()
                > 0;
    }

    /** Whether any appointment (live or cancelled) refers to the slot. */
    public boolean hasAppointments(UUID id) {
        return jdbc.sql("select exists (select 1 from appointments where slot_id = ?)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    /** Deletes an AVAILABLE or BLOCKED slot; false otherwise. */
    public boolean deleteUnbooked(UUID id) {
        return jdbc.sql("delete from slots where id = ? and status in ('AVAILABLE', 'BLOCKED')")
                        .param(id)
                        .update()
                > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
