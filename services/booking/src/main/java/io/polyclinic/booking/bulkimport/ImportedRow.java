package io.polyclinic.booking.bulkimport;

import java.util.UUID;

/**
 * The result of one imported row.
 *
 * @param rowNumber the row's number in its spreadsheet, as the client sent it
 * @param outcome what happened
 * @param field for REJECTED, the field at fault (empty for the whole row); else empty
 * @param reason for REJECTED, a message for the user; else empty
 * @param entityId the doctor's or slot's id, or null for REJECTED
 */
public record ImportedRow(long rowNumber, Outcome outcome, String field, String reason, UUID entityId) {

    /** What an imported row did. */
    public enum Outcome {
        INSERTED,
        UPDATED,
        UNCHANGED,
        REJECTED
    }

    static ImportedRow applied(long rowNumber, Outcome outcome, UUID entityId) {
        return new ImportedRow(rowNumber, outcome, "", "", entityId);
    }

    static ImportedRow rejected(long rowNumber, String field, String reason) {
        return new ImportedRow(rowNumber, Outcome.REJECTED, field, reason, null);
    }
}
