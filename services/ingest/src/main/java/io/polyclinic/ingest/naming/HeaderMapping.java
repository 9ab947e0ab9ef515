package io.polyclinic.ingest.naming;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proposed mapping of a file's header row to a dataset's fields.
 *
 * @param dataset the dataset
 * @param columns one entry per non-blank header, in column order
 * @param unknownHeaders the headers the naming table does not know, as written
 * @param missingFields the required fields no column maps to; a file with any is rejected
 */
public record HeaderMapping(
        String dataset, List<ColumnMapping> columns, List<String> unknownHeaders, List<String> missingFields) {

    public HeaderMapping {
        columns = List.copyOf(columns);
        unknownHeaders = List.copyOf(unknownHeaders);
        missingFields = List.copyOf(missingFields);
    }

    /** Canonical field -> the index of the column that feeds it, in column order. */
    public Map<String, Integer> columnsByField() {
        var map = new LinkedHashMap<String, Integer>();
        columns.stream().filter(ColumnMapping::mapped).forEach(c -> map.put(c.field(), c.index()));
        return map;
    }

    /** Whether the file can be imported: every required field has a column. */
    public boolean complete() {
        return missingFields.isEmpty();
    }
}
