package io.polyclinic.ingest.bookingimport;

import io.polyclinic.contracts.booking.v1.ImportContext;
import io.polyclinic.contracts.booking.v1.RowResult;
import io.polyclinic.ingest.dataset.DatasetSink;
import io.polyclinic.ingest.dataset.LoadContext;
import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.ingest.dataset.RowError;
import io.polyclinic.ingest.dataset.SinkRow;
import io.polyclinic.ingest.dataset.SinkUnavailableException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A dataset delivered to booking's bulk import in batches: each valid row becomes a booking row, each REJECTED result
 * a {@link RowError} naming the file's row, the dataset's field and its value, and the other results the counts.
 * Booking cannot roll back across calls, so the sink is not {@linkplain #transactional() transactional}: under
 * {@link LoadPolicy#ALL_OR_NOTHING} it first sends every row as a dry run (booking checks them and keeps nothing), and
 * loads them only when booking would accept all of them; under {@link LoadPolicy#SKIP_INVALID} it loads batch by
 * batch as the file is read.
 *
 * @param <R> booking's row message
 */
abstract class BookingSink<R> implements DatasetSink {

    private final BookingImportClient booking;
    private final BookingImportProperties properties;

    BookingSink(BookingImportClient booking, BookingImportProperties properties) {
        this.booking = booking;
        this.properties = properties;
    }

    /** Booking's row for a valid file row. */
    abstract R toBookingRow(SinkRow row);

    /** Sends one batch; one result per row, in order. */
    abstract List<RowResult> send(BookingImportClient booking, ImportContext context, List<R> rows);

    /** The dataset field each of booking's row fields comes from (booking's name -> the dataset's). */
    abstract Map<String, String> fieldNames();

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public LoadCounts load(LoadContext context, Iterator<SinkRow> rows, Consumer<RowError> rejections) {
        var counts = new Counts();
        if (context.policy() == LoadPolicy.ALL_OR_NOTHING) {
            var all = new ArrayList<SinkRow>();
            rows.forEachRemaining(row -> {
                if (all.size() >= properties.maxAllOrNothingRows()) {
                    throw new SinkUnavailableException(
                            "An all-or-nothing import of doctors or slots holds at most "
                                    + properties.maxAllOrNothingRows() + " rows; split the file or skip invalid rows.",
                            null);
                }
                all.add(row);
            });
            var check = new Counts();
            batches(all.iterator(), batch -> deliver(context, true, batch, check, rejections), context);
            if (check.rejected > 0 || context.cancelled().getAsBoolean()) {
                return new LoadCounts(0, 0, 0, check.rejected);
            }
            batches(all.iterator(), batch -> deliver(context, false, batch, counts, rejections), context);
        } else {
            batches(rows, batch -> deliver(context, false, batch, counts, rejections), context);
        }
        return new LoadCounts(counts.inserted, counts.updated, counts.unchanged, counts.rejected);
    }

    private void batches(Iterator<SinkRow> rows, Consumer<List<SinkRow>> action, LoadContext context) {
        var batch = new ArrayList<SinkRow>(properties.batchRows());
        while (rows.hasNext() && !context.cancelled().getAsBoolean()) {
            batch.add(rows.next());
            if (batch.size() == properties.batchRows()) {
                action.accept(List.copyOf(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty() && !context.cancelled().getAsBoolean()) {
            action.accept(List.copyOf(batch));
        }
    }

    private void deliver(
            LoadContext load, boolean dryRun, List<SinkRow> batch, Counts counts, Consumer<RowError> rejections) {
        var context = ImportContext.newBuilder()
                .setImportId(load.importId().toString())
                .setActorUserId(load.actorUserId().toString())
                .setAdmin(load.admin())
                .setDryRun(dryRun);
        load.clinicScope().forEach(id -> context.addClinicIds(id.toString()));
        var results = send(
                booking, context.build(), batch.stream().map(this::toBookingRow).toList());
        for (int i = 0; i < batch.size(); i++) {
            var row = batch.get(i);
            var result = results.get(i);
            switch (result.getOutcome()) {
                case INSERTED -> counts.inserted++;
                case UPDATED -> counts.updated++;
                case UNCHANGED -> counts.unchanged++;
                default -> {
                    counts.rejected++;
                    var field = fieldNames().getOrDefault(result.getField(), result.getField());
                    var value = field.isEmpty() || row.get(field) == null ? null : String.valueOf(row.get(field));
                    rejections.accept(new RowError(
                            row.sheet(), row.rowNumber(), field.isEmpty() ? null : field, value, result.getReason()));
                }
            }
        }
    }

    /** Running counts of one load. */
    private static final class Counts {
        long inserted;
        long updated;
        long unchanged;
        long rejected;
    }
}
