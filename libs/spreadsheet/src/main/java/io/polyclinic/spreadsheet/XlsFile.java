package io.polyclinic.spreadsheet;

import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.eventusermodel.AbortableHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.BuiltinFormats;

/**
 * .xls (BIFF8) through POI's HSSF event API: records are read one at a time from the OLE2 stream and turned into rows
 * (never {@code HSSFWorkbook}). Listing sheets reads only the workbook globals; reading a sheet stops at its end or
 * when the handler stops. Encrypted workbooks (a FILEPASS record with a real password, or an encrypted .xlsx in an
 * OLE2 container) are refused. Formula cells give their cached result; their formula text is not decoded.
 */
final class XlsFile extends AbstractSpreadsheetFile {

    private final POIFSFileSystem fs;
    private final List<SheetInfo> sheets = new ArrayList<>();
    private final List<Integer> xfFormats = new ArrayList<>();
    private final Map<Integer, String> formats = new HashMap<>();
    private final DateFormatCache dateFormats = new DateFormatCache();
    private boolean date1904;

    private XlsFile(SpreadsheetLimits limits, POIFSFileSystem fs) {
        super(limits);
        this.fs = fs;
    }

    /** Refuses an OLE2 file that is an encrypted or password-protected workbook (whatever its name says). */
    static void refuseEncrypted(Path file) {
        try (var fs = new POIFSFileSystem(file.toFile(), true)) {
            var root = fs.getRoot();
            if (root.hasEntryCaseInsensitive("EncryptionInfo") || root.hasEntryCaseInsensitive("EncryptedPackage")) {
                throw new SpreadsheetException(
                        Reason.ENCRYPTED, "the workbook is password-protected; save it again without a password");
            }
        } catch (SpreadsheetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SpreadsheetException(Reason.CORRUPT, "the .xls file is truncated or damaged", e);
        }
    }

    static SpreadsheetFile open(Path file, SpreadsheetLimits limits) {
        POIFSFileSystem fs = null;
        try {
            fs = new POIFSFileSystem(file.toFile(), true);
            var root = fs.getRoot();
            if (!root.hasEntryCaseInsensitive("Workbook") && !root.hasEntryCaseInsensitive("Book")) {
                throw new SpreadsheetException(
                        Reason.UNSUPPORTED_FORMAT, "an OLE2 file that is not an Excel workbook (a .doc or .msg?)");
            }
            var xls = new XlsFile(limits, fs);
            xls.readGlobals();
            return xls;
        } catch (SpreadsheetException e) {
            closeQuietly(fs);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(fs);
            throw new SpreadsheetException(Reason.CORRUPT, "the .xls file is truncated or damaged", e);
        }
    }

    private void readGlobals() {
        process(new AbortableHSSFListener() {
            private int depth;

            @Override
            public short abortableProcessRecord(Record r) {
                switch (r) {
                    case BOFRecord bof -> {
                        if (depth++ == 0 && bof.getType() != BOFRecord.TYPE_WORKBOOK) {
                            return 1;
                        }
                    }
                    case EOFRecord eof -> depth--;
                    case BoundSheetRecord b ->
                        sheets.add(new SheetInfo(sheets.size(), b.getSheetname(), b.isHidden() || b.isVeryHidden()));
                    case DateWindow1904Record w -> date1904 = w.getWindowing() == 1;
                    case FormatRecord f -> formats.put(f.getIndexCode(), f.getFormatString());
                    case ExtendedFormatRecord xf -> xfFormats.add((int) xf.getFormatIndex());
                    default -> {
                        // Other global records (fonts, names, styles) do not matter for values.
                    }
                }
                return 0;
            }
        });
    }

    /** Runs the event reader; maps POI's failures to reasons. */
    void process(AbortableHSSFListener listener) {
        var request = new HSSFRequest();
        request.addListenerForAllRecords(listener);
        try {
            new HSSFEventFactory().abortableProcessWorkbookEvents(request, fs);
        } catch (SpreadsheetException e) {
            throw e;
        } catch (EncryptedDocumentException e) {
            throw new SpreadsheetException(
                    Reason.ENCRYPTED, "the workbook is password-protected; save it again without a password", e);
        } catch (Exception e) {
            throw new SpreadsheetException(Reason.CORRUPT, "the .xls file is truncated or damaged", e);
        }
    }

    /** Whether a cell's extended format (XF) index points to a date format. */
    boolean isDateFormat(int xfIndex) {
        if (xfIndex < 0 || xfIndex >= xfFormats.size()) {
            return false;
        }
        int formatIndex = xfFormats.get(xfIndex);
        var format = formats.getOrDefault(formatIndex, BuiltinFormats.getBuiltinFormat(formatIndex));
        return format != null && dateFormats.isDateFormat(formatIndex, format);
    }

    @Override
    public SpreadsheetFormat format() {
        return SpreadsheetFormat.XLS;
    }

    @Override
    public List<SheetInfo> sheets() {
        return List.copyOf(sheets);
    }

    @Override
    public boolean date1904() {
        return date1904;
    }

    @Override
    protected void streamRows(SheetInfo sheet, RowHandler handler) {
        var listener = new XlsSheetListener(this, sheet.index(), handler);
        process(listener);
        listener.finish();
    }

    @Override
    public void close() {
        closeQuietly(fs);
    }

    private static void closeQuietly(POIFSFileSystem fs) {
        if (fs != null) {
            try {
                fs.close();
            } catch (IOException e) {
                // A read-only file: nothing is lost on a failed close.
            }
        }
    }
}
