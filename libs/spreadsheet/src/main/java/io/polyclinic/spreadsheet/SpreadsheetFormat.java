package io.polyclinic.spreadsheet;

import java.util.Locale;
import java.util.Optional;

/** The file formats the readers understand, told apart by content (magic bytes), never by the file name alone. */
public enum SpreadsheetFormat {
    /** Office Open XML workbook: a ZIP package with {@code xl/workbook.xml} (Excel 2007+, LibreOffice). */
    XLSX("xlsx"),
    /** Excel 97-2003 BIFF8 workbook inside an OLE2 compound file. */
    XLS("xls"),
    /** Delimited text: UTF-8 (with or without BOM) or Windows-1251, delimiter {@code ,} {@code ;} or tab. */
    CSV("csv");

    private final String extension;

    SpreadsheetFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file extension, lower case, without the dot ({@code xlsx}, {@code xls}, {@code csv}). */
    public String extension() {
        return extension;
    }

    /**
     * The format a file name claims by its extension.
     *
     * @param fileName a file name such as {@code visits.XLSX}; may be null
     * @return the claimed format, or empty when the extension is absent or not a spreadsheet one ({@code .txt} and
     *     {@code .tsv} claim {@link #CSV})
     */
    public static Optional<SpreadsheetFormat> fromFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        var dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "xlsx", "xlsm" -> Optional.of(XLSX);
            case "xls" -> Optional.of(XLS);
            case "csv", "tsv", "txt" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }
}
