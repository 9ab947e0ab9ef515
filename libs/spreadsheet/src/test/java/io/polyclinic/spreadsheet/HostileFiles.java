package io.polyclinic.spreadsheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Scripts that make hostile files from the clean fixtures, at test time (nothing hostile is committed). */
final class HostileFiles {

    private HostileFiles() {}

    /** visits.xlsx with one entry's bytes replaced. */
    static Path rewriteEntry(Path dir, String entryName, UnaryOperator<byte[]> change) throws IOException {
        var out = dir.resolve("rewritten-" + entryName.replace('/', '_') + ".xlsx");
        try (var zin = new ZipInputStream(Files.newInputStream(Fixtures.path("visits.xlsx")));
                var zout = new ZipOutputStream(Files.newOutputStream(out))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                var data = zin.readAllBytes();
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(e.getName().equals(entryName) ? change.apply(data) : data);
                zout.closeEntry();
            }
        }
        return out;
    }

    /** An .xlsx whose first sheet is {@code megabytes} MiB of spaces inside the root element: tiny when deflated. */
    static Path zipBomb(Path dir, int megabytes) throws IOException {
        var out = dir.resolve("bomb.xlsx");
        try (var zin = new ZipInputStream(Files.newInputStream(Fixtures.path("visits.xlsx")));
                var zout = new ZipOutputStream(Files.newOutputStream(out))) {
            zout.setLevel(9);
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                var data = zin.readAllBytes();
                zout.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    zout.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                            .getBytes(StandardCharsets.UTF_8));
                    var spaces = new byte[1024 * 1024];
                    Arrays.fill(spaces, (byte) ' ');
                    for (var i = 0; i < megabytes; i++) {
                        zout.write(spaces);
                    }
                    zout.write("<sheetData/></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    zout.write(data);
                }
                zout.closeEntry();
            }
        }
        return out;
    }

    /** The first {@code fraction} of a fixture's bytes. */
    static Path truncated(Path dir, String fixture, double fraction) throws IOException {
        var bytes = Files.readAllBytes(Fixtures.path(fixture));
        var out = dir.resolve("truncated-" + fixture);
        Files.write(out, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return out;
    }

    /** visits.xlsx encrypted with a password by POI's agile encryptor, as Excel does ("Encrypt with Password"). */
    static Path encryptedXlsx(Path dir) throws Exception {
        var out = dir.resolve("encrypted.xlsx");
        try (var fs = new POIFSFileSystem()) {
            var encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                Files.copy(Fixtures.path("visits.xlsx"), os);
            }
            try (var os = Files.newOutputStream(out)) {
                fs.writeFilesystem(os);
            }
        }
        return out;
    }

    /** A one-cell .xls protected with a password (RC4 encryption, a FILEPASS record). */
    static Path encryptedXls(Path dir) throws IOException {
        var out = dir.resolve("encrypted.xls");
        Biff8EncryptionKey.setCurrentUserPassword("secret");
        try (var wb = new HSSFWorkbook();
                var buf = new ByteArrayOutputStream()) {
            wb.createSheet("s").createRow(0).createCell(0).setCellValue("Врач");
            wb.write(buf);
            Files.write(out, buf.toByteArray());
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        return out;
    }
}
