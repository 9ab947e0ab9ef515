package io.polyclinic.spreadsheet;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * CSV through FastCSV, streamed record by record. The encoding comes from {@link TextEncoding}; the delimiter is the
 * one of {@code ,} {@code ;} and tab that splits the first lines (outside quotes) into the most consistent number of
 * fields, {@code ;} winning ties as Excel's choice in Russian locales. Row numbers count every record, an empty line
 * included, as Excel shows them.
 */
final class CsvFile extends AbstractSpreadsheetFile {

    private static final char[] DELIMITERS = {';', ',', '\t'};
    private static final int SAMPLE_LINES = 50;
    private static final int MAX_RECORD_CHARS = 4 * 1024 * 1024;

    private final Path file;
    private final TextEncoding.Detected encoding;
    private final char delimiter;

    private CsvFile(Path file, SpreadsheetLimits limits, TextEncoding.Detected encoding, char delimiter) {
        super(limits);
        this.file = file;
        this.encoding = encoding;
        this.delimiter = delimiter;
    }

    static SpreadsheetFile open(Path file, SpreadsheetLimits limits) {
        var encoding = TextEncoding.detect(file);
        return new CsvFile(file, limits, encoding, detectDelimiter(encoding.sample()));
    }

    /** The delimiter giving the same, largest field count on most of the first lines; {@code ,} for one column. */
    static char detectDelimiter(String sample) {
        var lines = sample.lines().filter(l -> !l.isBlank()).limit(SAMPLE_LINES).toList();
        var best = ',';
        var bestScore = 0L;
        for (var d : DELIMITERS) {
            var counts = new HashMap<Integer, Integer>();
            for (var line : lines) {
                counts.merge(countOutsideQuotes(line, d), 1, Integer::sum);
            }
            for (var e : counts.entrySet()) {
                if (e.getKey() == 0) {
                    continue;
                }
                var score = (long) e.getValue() * 1000 + e.getKey();
                if (score > bestScore) {
                    bestScore = score;
                    best = d;
                }
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char d) {
        var quoted = false;
        var n = 0;
        for (var i = 0; i < line.length(); i++) {
            var ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == d && !quoted) {
                n++;
            }
        }
        return n;
    }

    @Override
    public SpreadsheetFormat format() {
        return SpreadsheetFormat.CSV;
    }

    @Override
    public List<SheetInfo> sheets() {
        return List.of(new SheetInfo(0, "", false));
    }

    @Override
    public Optional<Charset> charset() {
        return Optional.of(encoding.charset());
    }

    @Override
    public Optional<Character> delimiter() {
        return Optional.of(delimiter);
    }

    @Override
    protected void streamRows(SheetInfo sheet, RowHandler handler) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomBytes());
            var reader = CsvReader.builder()
                    .fieldSeparator(delimiter)
                    .skipEmptyLines(false)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .maxBufferSize(MAX_RECORD_CHARS)
                    .ofCsvRecord(new InputStreamReader(in, encoding.charset()));
            var rowNumber = 0L;
            for (var record : reader) {
                rowNumber++;
                var fields = record.getFields();
                if (fields.size() > limits.maxColumns()) {
                    throw new SpreadsheetException(
                            Reason.TOO_MANY_COLUMNS,
                            "row " + rowNumber + " has more than " + limits.maxColumns() + " columns");
                }
                var cells = new ArrayList<Cell>(fields.size());
                for (var i = 0; i < fields.size(); i++) {
                    var text = fields.get(i);
                    if (!text.isEmpty()) {
                        cells.add(Cell.text(i, clip(text)));
                    }
                }
                if (!handler.onRow(new SheetRow(rowNumber, cells))) {
                    return;
                }
            }
        } catch (CsvParseException e) {
            throw new SpreadsheetException(Reason.CORRUPT, "the CSV cannot be parsed: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new SpreadsheetException(Reason.IO_ERROR, "the file could not be read", e);
        }
    }

    @Override
    public void close() {
        // Each read opens and closes its own stream.
    }
}
