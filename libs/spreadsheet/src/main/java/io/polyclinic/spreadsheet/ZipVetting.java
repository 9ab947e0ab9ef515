package io.polyclinic.spreadsheet;

import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Vets an .xlsx package before any XML parser sees it, by inflating every entry once with the same ZIP library the
 * reader uses (commons-compress) and counting bytes: refuses an entry whose inflated/compressed ratio passes the limit
 * once it has inflated more than 1 MiB, a package whose entries inflate beyond the total limit (a zip bomb), any XML
 * part that declares a DOCTYPE or an entity (XXE), parts not in UTF-8, and packages that are not workbooks (.docx,
 * .ods). The XML parser is also set not to support DTDs; this check makes the refusal explicit instead of silent.
 */
final class ZipVetting {

    private static final long RATIO_GRACE_BYTES = 1024 * 1024;
    private static final int MAX_ENTRIES = 10_000;
    private static final byte[][] FORBIDDEN = {
        "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII), "<!ENTITY".getBytes(StandardCharsets.US_ASCII)
    };

    private ZipVetting() {}

    static void vet(Path file, SpreadsheetLimits limits) {
        try (var zip = ZipFile.builder().setFile(file.toFile()).get()) {
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw new SpreadsheetException(
                        Reason.UNSUPPORTED_FORMAT,
                        "a ZIP package that is not an .xlsx workbook (no xl/workbook.xml; an .ods or .docx?)");
            }
            var total = 0L;
            var count = 0;
            for (var entry : Collections.list(zip.getEntries())) {
                if (++count > MAX_ENTRIES) {
                    throw new SpreadsheetException(
                            Reason.ZIP_BOMB, "the package has more than " + MAX_ENTRIES + " entries");
                }
                try (var in = zip.getInputStream(entry)) {
                    total = scan(entry, in, total, limits);
                }
            }
        } catch (SpreadsheetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SpreadsheetException(Reason.CORRUPT, "the .xlsx package is truncated or damaged", e);
        }
    }

    private static long scan(ZipArchiveEntry entry, InputStream in, long totalBefore, SpreadsheetLimits limits)
            throws IOException {
        var name = entry.getName();
        var xml = name.endsWith(".xml") || name.endsWith(".rels");
        var compressed = Math.max(entry.getCompressedSize(), 1);
        var buf = new byte[64 * 1024];
        var inflated = 0L;
        var total = totalBefore;
        var carry = 0;
        var first = true;
        int n;
        while ((n = in.read(buf, carry, buf.length - carry)) > 0) {
            if (xml && first && (n + carry) >= 2 && !looksUtf8(buf)) {
                throw new SpreadsheetException(Reason.CORRUPT, "XML part " + name + " is not UTF-8");
            }
            first = false;
            inflated += n;
            total += n;
            if (total > limits.maxInflatedBytes()) {
                throw new SpreadsheetException(
                        Reason.ZIP_BOMB, "the package inflates to more than " + limits.maxInflatedBytes() + " bytes");
            }
            if (inflated > RATIO_GRACE_BYTES && inflated / compressed > limits.maxCompressionRatio()) {
                throw new SpreadsheetException(
                        Reason.ZIP_BOMB,
                        "entry " + name + " is compressed more than " + limits.maxCompressionRatio()
                                + " times: a zip bomb");
            }
            var len = carry + n;
            if (xml && containsForbidden(buf, len)) {
                throw new SpreadsheetException(
                        Reason.EXTERNAL_ENTITY,
                        "XML part " + name
                                + " declares a DOCTYPE or entity; refused (external entities are never resolved)");
            }
            carry = Math.min(len, 16);
            System.arraycopy(buf, len - carry, buf, 0, carry);
        }
        return total;
    }

    private static boolean looksUtf8(byte[] b) {
        var utf16 = (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF)
                || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE)
                || (b[0] == 0 && b[1] == '<')
                || (b[0] == '<' && b[1] == 0);
        return !utf16;
    }

    private static boolean containsForbidden(byte[] buf, int len) {
        for (var i = 0; i + 1 < len; i++) {
            if (buf[i] == '<' && buf[i + 1] == '!') {
                for (var pattern : FORBIDDEN) {
                    if (i + pattern.length <= len
                            && java.util.Arrays.equals(buf, i, i + pattern.length, pattern, 0, pattern.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
