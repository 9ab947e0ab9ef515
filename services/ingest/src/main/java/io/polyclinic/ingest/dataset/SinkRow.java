package io.polyclinic.ingest.dataset;

import java.util.Map;

/**
 * One valid row of a file, its cells parsed into canonical fields.
 *
 * @param sheet the sheet it came from ({@code null} for CSV)
 * @param rowNumber its row number in the sheet, 1-based as the spreadsheet shows it
 * @param values canonical field name -> parsed value: {@code String} (TEXT, PHONE in E.164, EMAIL), {@code Long}
 *     (INTEGER), {@code java.math.BigDecimal} (DECIMAL, scale 2), {@code java.time.LocalDate} (MONTH, the first
 *     day), {@code java.time.LocalDateTime} (LOCAL_DATE_TIME); an empty optional cell has no entry
 */
public record SinkRow(String sheet, long rowNumber, Map<String, Object> values) {

    /** The value of a field, or {@code null} when the cell was empty. */
    public Object get(String field) {
        return values.get(field);
    }
}
