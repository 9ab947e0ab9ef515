package io.polyclinic.ingest.imports;

import io.polyclinic.platform.problem.DomainException;
import io.polyclinic.spreadsheet.SpreadsheetException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A file the readers refuse (corrupt, hostile, encrypted, empty, too large, wrong extension, mojibake): answered 413
 * when too large, 415 for a format that is not a spreadsheet, else 422, with the reader's {@code reason} code.
 */
public class UnreadableFileException extends DomainException {

    private final String reason;

    public UnreadableFileException(SpreadsheetException e) {
        super(status(e.reason()), "unreadable-file", "The file cannot be imported", e.getMessage());
        this.reason = e.reason().name();
        initCause(e);
    }

    private static HttpStatus status(SpreadsheetException.Reason reason) {
        return switch (reason) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("reason", reason);
    }
}
