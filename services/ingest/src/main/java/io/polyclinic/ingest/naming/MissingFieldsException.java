package io.polyclinic.ingest.naming;

import io.polyclinic.platform.problem.RuleViolationException;
import java.util.List;
import java.util.Map;

/**
 * A file whose header row has no column for a required field of the dataset: answered 422, naming the fields and
 * the headers that were found.
 */
public class MissingFieldsException extends RuleViolationException {

    private final List<String> missingFields;
    private final List<String> headersFound;

    public MissingFieldsException(String dataset, List<String> missingFields, List<String> headersFound) {
        super("missing-required-fields", "Required columns missing", message(dataset, missingFields, headersFound));
        this.missingFields = List.copyOf(missingFields);
        this.headersFound = List.copyOf(headersFound);
    }

    /** The user-facing reason, also used as an import's failure reason. */
    public static String message(String dataset, List<String> missingFields, List<String> headersFound) {
        var found = String.join(
                ", ", headersFound.stream().map(h -> "\"" + h + "\"").toList());
        return "No column for the required field(s) " + String.join(", ", missingFields) + " of dataset " + dataset
                + "; the headers found are: " + (found.isEmpty() ? "none" : found)
                + ". Add their spellings to the naming table or rename the columns.";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("missingFields", missingFields, "headersFound", headersFound);
    }
}
