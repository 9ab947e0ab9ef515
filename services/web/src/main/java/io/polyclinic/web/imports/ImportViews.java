package io.polyclinic.web.imports;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** What the import pages read from the ingest API ({@code /api/v1/imports}, {@code /api/v1/datasets}), by its names. */
public final class ImportViews {

    private ImportViews() {}

    /** An import target and its canonical fields. */
    public record Dataset(String name, String description, List<Field> fields, List<String> naturalKey) {

        public Dataset {
            fields = fields == null ? List.of() : List.copyOf(fields);
            naturalKey = naturalKey == null ? List.of() : List.copyOf(naturalKey);
        }
    }

    /** A canonical field of a dataset. */
    public record Field(String name, String type, boolean required, String description) {}

    /** The answer of {@code GET /api/v1/datasets}. */
    public record DatasetList(List<Dataset> items) {

        public DatasetList {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * An import job.
     *
     * @param status QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
     * @param policy ALL_OR_NOTHING or SKIP_INVALID
     * @param rowsTotal data rows of the sheet, null until the file was read
     * @param durationMs run time so far or in all, in milliseconds; null while queued
     */
    public record Job(
            UUID id,
            String dataset,
            String policy,
            String status,
            String fileName,
            long fileSize,
            String sheet,
            UUID startedBy,
            long rowsRead,
            Long rowsTotal,
            long inserted,
            long updated,
            long unchanged,
            long rejected,
            String failureReason,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            Long durationMs) {

        /** Whether the job may still change (the page keeps polling it). */
        public boolean running() {
            return "QUEUED".equals(status) || "RUNNING".equals(status);
        }

        /** Whether it has row errors to download. */
        public boolean hasErrors() {
            return !running() && rejected > 0;
        }

        /** The duration in seconds with one decimal, or null while queued. */
        public String seconds() {
            return durationMs == null ? null : String.format(java.util.Locale.ROOT, "%.1f", durationMs / 1000.0);
        }
    }

    /** A preview of a file: its sheets, the header row found, the proposed mapping, the first rows. */
    public record Preview(
            String dataset,
            String format,
            List<Sheet> sheets,
            String sheet,
            long headerRow,
            Mapping mapping,
            List<Row> rows) {

        public Preview {
            sheets = sheets == null ? List.of() : List.copyOf(sheets);
            rows = rows == null ? List.of() : List.copyOf(rows);
        }

        /** The headers of the file in column order, as written. */
        public List<String> headers() {
            return mapping.columns().stream().map(Column::header).toList();
        }

        /** Whether any shown row has a cell that does not parse. */
        public boolean hasProblems() {
            return rows.stream().anyMatch(r -> !r.problems().isEmpty());
        }
    }

    /** A sheet of the file. */
    public record Sheet(int index, String name, boolean hidden) {}

    /** The proposed mapping: one column per non-blank header; unknown headers; required fields without a column. */
    public record Mapping(
            String dataset, List<Column> columns, List<String> unknownHeaders, List<String> missingFields) {

        public Mapping {
            columns = columns == null ? List.of() : List.copyOf(columns);
            unknownHeaders = unknownHeaders == null ? List.of() : List.copyOf(unknownHeaders);
            missingFields = missingFields == null ? List.of() : List.copyOf(missingFields);
        }
    }

    /**
     * A column of the file.
     *
     * @param index 0-based
     * @param field the field it maps to, or null when unknown or a duplicate
     * @param suggestedField for an unknown header, the field of the closest known spelling, or null
     */
    public record Column(
            int index, String header, String field, String suggestedField, String suggestedSpelling, String note) {

        /** Whether the column feeds a field. */
        public boolean mapped() {
            return field != null;
        }
    }

    /** A data row: the cells as read (by header), as they would be stored (by field), and those that do not parse. */
    public record Row(
            long rowNumber, Map<String, String> parsed, Map<String, Object> stored, List<CellProblem> problems) {

        public Row {
            parsed = parsed == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parsed));
            stored = stored == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stored));
            problems = problems == null ? List.of() : List.copyOf(problems);
        }

        /** The problem of the column with this header, or null. */
        public CellProblem problemOf(String header) {
            return problems.stream()
                    .filter(p -> Objects.equals(p.header(), header))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A cell that does not parse. */
    public record CellProblem(String header, String field, String value, String reason) {}

    /** A naming table entry as the API answers it. */
    public record Spelling(UUID id, String dataset, String spelling, String normalized, String field) {}
}
