package io.polyclinic.spreadsheet;

import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Detects a text file's encoding: a BOM (UTF-8, UTF-16) wins; otherwise the whole file is decoded as UTF-8 with a
 * strict decoder (malformed input REPORTed, never replaced) and, when that fails, as Windows-1251, which is accepted
 * only when the decoded text is mostly letters, digits and ordinary punctuation. The decoded sample is then checked
 * for mojibake ({@link Mojibake}); garbled text is refused.
 */
final class TextEncoding {

    /** Windows-1251, the Cyrillic ANSI code page of Russian Windows and Excel's "CSV" on it. */
    static final Charset CP1251 = Charset.forName("windows-1251");

    private static final int SAMPLE_CHARS = 256 * 1024;

    private TextEncoding() {}

    /** The detected charset and a decoded sample from the start of the file (BOM removed). */
    record Detected(Charset charset, int bomBytes, String sample) {}

    static Detected detect(Path file) {
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(4);
            }
            if (hasNulBytes(file) && !(head.length >= 2 && ((head[0] & 0xFF) == 0xFF || (head[0] & 0xFF) == 0xFE))) {
                throw new SpreadsheetException(
                        Reason.UNSUPPORTED_FORMAT, "a binary file, not an .xlsx, .xls or CSV file");
            }
            Charset charset;
            var bom = 0;
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                charset = StandardCharsets.UTF_8;
                bom = 3;
            } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                charset = StandardCharsets.UTF_16LE;
                bom = 2;
            } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                charset = StandardCharsets.UTF_16BE;
                bom = 2;
            } else if (decodes(file, StandardCharsets.UTF_8)) {
                charset = StandardCharsets.UTF_8;
            } else if (decodes(file, CP1251)) {
                charset = CP1251;
            } else {
                throw new SpreadsheetException(
                        Reason.UNKNOWN_ENCODING, "the text is neither UTF-8 nor Windows-1251; save it as CSV UTF-8");
            }
            if (bom > 0 && !decodes(file, charset)) {
                throw new SpreadsheetException(
                        Reason.MOJIBAKE,
                        "the file starts with a " + charset.name() + " mark but has bytes that are not "
                                + charset.name());
            }
            var sample = sample(file, charset, bom);
            if (charset == CP1251 && !plausibleCyrillic(sample)) {
                throw new SpreadsheetException(
                        Reason.UNKNOWN_ENCODING,
                        "the text is not UTF-8 and does not read as Windows-1251 either; save it as CSV UTF-8");
            }
            if (Mojibake.looksGarbled(sample)) {
                throw new SpreadsheetException(
                        Reason.MOJIBAKE,
                        "the text is garbled by a wrong encoding (e.g. "
                                + "Windows-1251 opened as UTF-8 and saved again); export it again from the original file");
            }
            return new Detected(charset, bom, sample);
        } catch (IOException e) {
            throw new SpreadsheetException(Reason.IO_ERROR, "the file could not be read", e);
        }
    }

    /** Whether the first 8 KiB hold a NUL byte, which text never has (UTF-16 aside). */
    private static boolean hasNulBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            for (var b : in.readNBytes(8192)) {
                if (b == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the whole file decodes in a charset without a single malformed or unmappable byte. */
    private static boolean decodes(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.allocate(64 * 1024);
        var out = CharBuffer.allocate(64 * 1024);
        try (var channel = Files.newByteChannel(file)) {
            while (true) {
                var eof = channel.read(in) < 0;
                in.flip();
                var result = decoder.decode(in, out, eof);
                if (result.isError()) {
                    return false;
                }
                out.clear();
                in.compact();
                if (eof) {
                    return !decoder.flush(out).isError() && in.position() == 0;
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String sample(Path file, Charset charset, int bom) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                var reader = new java.io.InputStreamReader(in, charset)) {
            in.skipNBytes(bom);
            var buf = new char[SAMPLE_CHARS];
            var n = 0;
            int r;
            while (n < buf.length && (r = reader.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
            return new String(buf, 0, n);
        }
    }

    /**
     * Whether text decoded as Windows-1251 reads as text: among its non-ASCII characters at least 90 % are Cyrillic
     * letters, no-break spaces, {@code №} or typographic quotes and dashes.
     */
    static boolean plausibleCyrillic(String s) {
        var nonAscii = 0;
        var good = 0;
        for (var i = 0; i < s.length(); i++) {
            var ch = s.charAt(i);
            if (ch < 0x80) {
                continue;
            }
            nonAscii++;
            if ((ch >= '\u0410' && ch <= '\u044F') || ch == 'Ё' || ch == 'ё' || "\u00a0№«»–—“”„‘’…".indexOf(ch) >= 0) {
                good++;
            }
        }
        return nonAscii == 0 || good * 10 >= nonAscii * 9;
    }
}
