package io.polyclinic.spreadsheet;

import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Tells the format from the first bytes, checks it against the extension, and opens the matching reader. */
final class FormatDetector {

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };

    private FormatDetector() {}

    static SpreadsheetFile open(Path file, String fileName, SpreadsheetLimits limits) {
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes(8);
        } catch (IOException e) {
            throw new SpreadsheetException(Reason.IO_ERROR, "the file could not be read", e);
        }
        if (size > limits.maxFileBytes()) {
            throw new SpreadsheetException(
                    Reason.TOO_LARGE, "the file has " + size + " bytes; the limit is " + limits.maxFileBytes());
        }
        if (size == 0) {
            throw new SpreadsheetException(Reason.EMPTY_FILE, "the file is empty");
        }
        var format = detect(head);
        if (format == SpreadsheetFormat.XLS) {
            XlsFile.refuseEncrypted(file);
        }
        var claimed = SpreadsheetFormat.fromFileName(fileName);
        if (limits.rejectWrongExtension() && claimed.isPresent() && claimed.get() != format) {
            throw new SpreadsheetException(
                    Reason.WRONG_EXTENSION,
                    "the file is named ." + extensionOf(fileName)
                            + " but its content is " + format.extension().toUpperCase(java.util.Locale.ROOT)
                            + "; rename it or save it again as ."
                            + claimed.get().extension());
        }
        return switch (format) {
            case XLSX -> XlsxFile.open(file, limits);
            case XLS -> XlsFile.open(file, limits);
            case CSV -> CsvFile.open(file, limits);
        };
    }

    /** The format of content starting with these bytes; OLE2 covers .xls and encrypted .xlsx (told apart later). */
    static SpreadsheetFormat detect(byte[] head) {
        if (startsWith(head, ZIP)) {
            return SpreadsheetFormat.XLSX;
        }
        if (startsWith(head, OLE2)) {
            return SpreadsheetFormat.XLS;
        }
        return SpreadsheetFormat.CSV;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static String extensionOf(String fileName) {
        return fileName.substring(fileName.lastIndexOf('.') + 1);
    }
}
