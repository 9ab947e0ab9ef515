package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.naming.HeaderMapping;
import java.util.List;
import java.util.Map;

/**
 * What a file would import as, before importing it.
 *
 * @param dataset the target dataset
 * @param format the detected format ({@code XLSX}, {@code XLS}, {@code CSV})
 * @param sheets every sheet of the file
 * @param sheet the sheet previewed
 * @param headerRow the detected header's row number (1-based)
 * @param mapping the proposed mapping: columns, unknown headers with suggestions, missing required fields
 * @param rows the first data rows (at most {@code polyclinic.ingest.preview-rows})
 */
public record Preview(
        String dataset,
        String format,
        List<SheetView> sheets,
        String sheet,
        long headerRow,
        HeaderMapping mapping,
        List<PreviewRow> rows) {

    /** A sheet of the file. */
    public record SheetView(int index, String name, boolean hidden) {}

    /**
     * One data row.
     *
     * @param rowNumber its row number in the sheet
     * @param parsed header -> the cell's text as read, for every non-blank header
     * @param stored canonical field -> the value as it would be stored (ISO dates, E.164 phones, 2-decimal amounts),
     *     for the mapped cells that parse
     * @param problems the mapped cells that do not parse, with the reason
     */
    public record PreviewRow(
            long rowNumber, Map<String, String> parsed, Map<String, Object> stored, List<CellProblem> problems) {}

    /** A cell that does not parse: its column's header, the field, its text and why. */
    public record CellProblem(String header, String field, String value, String reason) {}
}
