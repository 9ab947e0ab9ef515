package io.polyclinic.spreadsheet;

/**
 * Bounds a reader enforces so that no file can exhaust memory, disk or time.
 *
 * @param maxFileBytes the largest file accepted, in bytes (default 100 MiB)
 * @param maxInflatedBytes the most bytes all entries of an .xlsx package may inflate to together (default 2 GiB:
 *     a 1,000,000-row sheet inflates to a few hundred MB)
 * @param maxCompressionRatio the highest inflated/compressed ratio of one .xlsx entry once it passed 1 MiB inflated
 *     (default 200; real sheets compress 5-30 times, bombs thousands of times)
 * @param maxRows the most rows one sheet may have (default 2,000,000)
 * @param maxColumns the most columns a row may have (default 1,000)
 * @param maxCellChars the longest cell text kept, in chars (default 32,767, Excel's own limit)
 * @param headerScanRows how many leading rows are searched for the header row (default 30)
 * @param rejectWrongExtension whether a known extension that contradicts the content is refused (default true)
 */
public record SpreadsheetLimits(
        long maxFileBytes,
        long maxInflatedBytes,
        int maxCompressionRatio,
        long maxRows,
        int maxColumns,
        int maxCellChars,
        int headerScanRows,
        boolean rejectWrongExtension) {

    /** Default maximum file size: 100 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;

    /** Validates the bounds. */
    public SpreadsheetLimits {
        if (maxFileBytes <= 0 || maxInflatedBytes <= 0 || maxCompressionRatio <= 1 || maxRows <= 0) {
            throw new IllegalArgumentException("spreadsheet limits must be positive (ratio > 1)");
        }
        if (maxColumns <= 0 || maxCellChars <= 0 || headerScanRows <= 0) {
            throw new IllegalArgumentException("spreadsheet limits must be positive");
        }
    }

    /** The defaults listed on the record. */
    public static SpreadsheetLimits defaults() {
        return new SpreadsheetLimits(
                DEFAULT_MAX_FILE_BYTES, 2L * 1024 * 1024 * 1024, 200, 2_000_000, 1_000, 32_767, 30, true);
    }

    /** These limits with another maximum file size, in bytes. */
    public SpreadsheetLimits withMaxFileBytes(long bytes) {
        return new SpreadsheetLimits(
                bytes,
                maxInflatedBytes,
                maxCompressionRatio,
                maxRows,
                maxColumns,
                maxCellChars,
                headerScanRows,
                rejectWrongExtension);
    }

    /** These limits with another total inflated size and compression ratio for .xlsx packages. */
    public SpreadsheetLimits withZipLimits(long inflatedBytes, int compressionRatio) {
        return new SpreadsheetLimits(
                maxFileBytes,
                inflatedBytes,
                compressionRatio,
                maxRows,
                maxColumns,
                maxCellChars,
                headerScanRows,
                rejectWrongExtension);
    }

    /** These limits with another maximum row count per sheet. */
    public SpreadsheetLimits withMaxRows(long rows) {
        return new SpreadsheetLimits(
                maxFileBytes,
                maxInflatedBytes,
                maxCompressionRatio,
                rows,
                maxColumns,
                maxCellChars,
                headerScanRows,
                rejectWrongExtension);
    }
}
