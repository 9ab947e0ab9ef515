package io.polyclinic.ingest.dataset;

import java.util.List;
import java.util.Optional;

/**
 * A target of imports: its canonical fields and its natural key. Loading is idempotent by the natural key: two rows
 * with the same key are the same record, so a re-import updates instead of duplicating.
 *
 * @param name the dataset's name ({@code doctors}, {@code slots}, {@code clinic_visits})
 * @param description what the rows are and where they land
 * @param fields the canonical fields, in the order shown to users
 * @param naturalKey the names of the fields that identify a record, a subset of {@code fields}
 */
public record Dataset(String name, String description, List<DatasetField> fields, List<String> naturalKey) {

    public Dataset {
        fields = List.copyOf(fields);
        naturalKey = List.copyOf(naturalKey);
        for (var key : naturalKey) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                throw new IllegalArgumentException("natural key field " + key + " is not a field of " + name);
            }
        }
    }

    /** The field with this canonical name, if the dataset has one. */
    public Optional<DatasetField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** The required fields, in declaration order. */
    public List<DatasetField> requiredFields() {
        return fields.stream().filter(DatasetField::required).toList();
    }
}
