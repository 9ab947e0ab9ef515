package io.polyclinic.spreadsheet;

import java.nio.file.Path;

/** Opens spreadsheet files: the library's entry point. */
public final class Spreadsheets {

    private Spreadsheets() {}

    /**
     * Opens a file after vetting it: size limit, format from the content (magic bytes) checked against the name's
     * extension, encryption, zip bomb and XML entity defenses for .xlsx, encoding (UTF-8 or Windows-1251, mojibake
     * refused) and delimiter detection for CSV. Lists its sheets; reads no rows yet.
     *
     * @param file the file on local disk (uploads are spooled to disk first)
     * @param fileName the name the user gave it, for the extension check; may be null
     * @param limits the bounds to enforce
     * @return the opened file; close it
     * @throws SpreadsheetException with the reason the file is refused
     */
    public static SpreadsheetFile open(Path file, String fileName, SpreadsheetLimits limits) {
        return FormatDetector.open(file, fileName, limits);
    }

    /** {@link #open(Path, String, SpreadsheetLimits)} with {@link SpreadsheetLimits#defaults()}. */
    public static SpreadsheetFile open(Path file, String fileName) {
        return open(file, fileName, SpreadsheetLimits.defaults());
    }
}
