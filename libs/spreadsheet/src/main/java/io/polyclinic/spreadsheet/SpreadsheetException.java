package io.polyclinic.spreadsheet;

/**
 * A file that cannot be read, with a machine-readable {@link Reason} and a message a user can act on. Readers throw
 * only this for problems of the file itself (hostile, corrupt, empty, too large); a cell that does not parse is never
 * an exception but a per-cell problem (see {@code io.polyclinic.spreadsheet.value.ParseResult}).
 */
public class SpreadsheetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a file was refused. The names are stable: services put them in problem details and job results. */
    public enum Reason {
        /** The file is larger than {@link SpreadsheetLimits#maxFileBytes()}. */
        TOO_LARGE,
        /** The file is empty (zero bytes). */
        EMPTY_FILE,
        /** The content is none of the supported formats (e.g. a PDF, an image, an .ods or .docx package). */
        UNSUPPORTED_FORMAT,
        /** The extension claims one format and the content is another (e.g. a CSV named {@code .xlsx}). */
        WRONG_EXTENSION,
        /** The file is truncated or its structure is broken (bad ZIP, bad OLE2, malformed XML, bad records). */
        CORRUPT,
        /** A ZIP entry inflates beyond the compression-ratio or total-size limits: a zip bomb. */
        ZIP_BOMB,
        /** An XML part declares a DOCTYPE or entities (XXE attempt); refused, never resolved. */
        EXTERNAL_ENTITY,
        /** The workbook is password-protected or encrypted. */
        ENCRYPTED,
        /** The text is garbled by a wrong encoding (Windows-1251 bytes read as UTF-8 or the reverse). */
        MOJIBAKE,
        /** The text encoding is neither UTF-8 nor Windows-1251. */
        UNKNOWN_ENCODING,
        /** The sheet asked for does not exist. */
        NO_SUCH_SHEET,
        /** The sheet has no non-blank row. */
        EMPTY_SHEET,
        /** No row looks like a header (no row with at least one text cell in the first rows). */
        NO_HEADER,
        /** The sheet has a header row and no data row under it. */
        HEADER_ONLY,
        /** More rows than {@link SpreadsheetLimits#maxRows()}. */
        TOO_MANY_ROWS,
        /** More columns than {@link SpreadsheetLimits#maxColumns()}. */
        TOO_MANY_COLUMNS,
        /** The file could not be read from storage (an I/O error not caused by its content). */
        IO_ERROR
    }

    private final Reason reason;

    /**
     * @param reason why the file was refused
     * @param message what a user should know, naming the limit or the part at fault
     */
    public SpreadsheetException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason why the file was refused
     * @param message what a user should know
     * @param cause the library's exception, kept for logs (never shown to a client)
     */
    public SpreadsheetException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The stable reason code. */
    public Reason reason() {
        return reason;
    }
}
