package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.Dataset;
import io.polyclinic.ingest.dataset.DatasetField;
import io.polyclinic.ingest.dataset.RowError;
import io.polyclinic.ingest.dataset.SinkRow;
import io.polyclinic.ingest.naming.HeaderMapping;
import io.polyclinic.spreadsheet.Cell;
import io.polyclinic.spreadsheet.SheetRow;
import io.polyclinic.spreadsheet.value.CellValues;
import io.polyclinic.spreadsheet.value.ParseResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a sheet's data row into a dataset row: each mapped column's cell parsed by its field's type (see
 * {@link io.polyclinic.ingest.dataset.FieldType}), required fields present, lengths within the field's limit, numbers
 * not negative. A row with any problem yields the problems, one per cell, and no row.
 */
final class RowTransformer {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final BigDecimal MAX_DECIMAL = new BigDecimal("999999999999.99");

    private final List<Column> columns;
    private final CellValues values;
    private final String sheet;

    /** A mapped column: where it is, its header as written, its field. */
    private record Column(int index, String header, DatasetField field) {}

    /** The outcome for one row: the row, or its problems. */
    record Result(SinkRow row, List<RowError> errors) {}

    /** One field's parsed value for a preview: as stored, or its problem. */
    record CellOutcome(String field, String header, String text, Object value, String problem) {}

    RowTransformer(Dataset dataset, HeaderMapping mapping, CellValues values, String sheet) {
        var list = new ArrayList<Column>();
        for (var column : mapping.columns()) {
            if (column.mapped()) {
                list.add(new Column(
                        column.index(),
                        column.header(),
                        dataset.field(column.field()).orElseThrow()));
            }
        }
        this.columns = List.copyOf(list);
        this.values = values;
        this.sheet = sheet;
    }

    /** Parses one data row. */
    Result transform(SheetRow row) {
        var parsed = new HashMap<String, Object>(columns.size() * 2);
        List<RowError> errors = null;
        for (var column : columns) {
            var cell = row.cell(column.index());
            var outcome = parse(column.field(), cell);
            if (outcome.problem() != null) {
                if (errors == null) {
                    errors = new ArrayList<>(2);
                }
                errors.add(new RowError(sheet, row.rowNumber(), column.header(), cell.text(), outcome.problem()));
            } else if (outcome.value() != null) {
                parsed.put(column.field().name(), outcome.value());
            }
        }
        if (errors != null) {
            return new Result(null, errors);
        }
        // An immutable copy: about half the size of the HashMap, and rows wait in the import's pipe by the thousand.
        return new Result(new SinkRow(sheet, row.rowNumber(), Map.copyOf(parsed)), List.of());
    }

    /** Every mapped cell of a row with its stored value or problem (for the preview). */
    List<CellOutcome> explain(SheetRow row) {
        var outcomes = new ArrayList<CellOutcome>(columns.size());
        for (var column : columns) {
            var cell = row.cell(column.index());
            var outcome = parse(column.field(), cell);
            outcomes.add(new CellOutcome(
                    column.field().name(), column.header(), cell.text(), outcome.value(), outcome.problem()));
        }
        return outcomes;
    }

    private record Parsed(Object value, String problem) {}

    private Parsed parse(DatasetField field, Cell cell) {
        ParseResult<?> result =
                switch (field.type()) {
                    case TEXT -> values.text(cell);
                    case INTEGER -> values.integer(cell);
                    case DECIMAL -> values.decimal(cell);
                    case MONTH -> values.month(cell);
                    case LOCAL_DATE_TIME -> values.dateTime(cell);
                    case PHONE -> values.phone(cell);
                    case EMAIL -> values.text(cell);
                };
        return switch (result) {
            case ParseResult.Blank<?> blank -> new Parsed(null, field.required() ? "required" : null);
            case ParseResult.Problem<?> problem -> new Parsed(null, problem.reason());
            case ParseResult.Value<?> value -> check(field, value.value());
        };
    }

    private static Parsed check(DatasetField field, Object value) {
        return switch (field.type()) {
            case TEXT, PHONE ->
                ((String) value).length() > field.maxLength()
                        ? new Parsed(null, "longer than " + field.maxLength() + " characters")
                        : new Parsed(value, null);
            case EMAIL -> {
                var email = ((String) value).toLowerCase(Locale.ROOT);
                yield email.length() <= field.maxLength()
                                && EMAIL.matcher(email).matches()
                        ? new Parsed(email, null)
                        : new Parsed(null, "not an email address");
            }
            case INTEGER -> {
                long number = (Long) value;
                if (number < 0) {
                    yield new Parsed(null, "must not be negative");
                }
                yield number > Integer.MAX_VALUE ? new Parsed(null, "too large") : new Parsed(number, null);
            }
            case DECIMAL -> {
                var number = ((BigDecimal) value).setScale(2, RoundingMode.HALF_UP);
                if (number.signum() < 0) {
                    yield new Parsed(null, "must not be negative");
                }
                yield number.compareTo(MAX_DECIMAL) > 0 ? new Parsed(null, "too large") : new Parsed(number, null);
            }
            case MONTH -> new Parsed(((java.time.YearMonth) value).atDay(1), null);
            case LOCAL_DATE_TIME -> new Parsed(value, null);
        };
    }
}
