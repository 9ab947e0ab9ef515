package io.polyclinic.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.spreadsheet.SpreadsheetException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every hostile or broken file ends in a {@link SpreadsheetException} with its reason: no OOM, no hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFilesTest {

    @TempDir
    Path dir;

    @Test
    void aZipBombIsRefusedByItsCompressionRatio() throws Exception {
        var bomb = HostileFiles.zipBomb(dir, 64);
        assertThat(Files.size(bomb)).isLessThan(1024 * 1024);
        assertRefused(bomb, "bomb.xlsx", Reason.ZIP_BOMB);
    }

    @Test
    void aPackageInflatingBeyondTheTotalLimitIsRefused() throws Exception {
        var bomb = HostileFiles.zipBomb(dir, 8);
        var limits = SpreadsheetLimits.defaults().withZipLimits(4L * 1024 * 1024, 100_000);
        assertThatThrownBy(() -> Spreadsheets.open(bomb, "bomb.xlsx", limits))
                .isInstanceOfSatisfying(
                        SpreadsheetException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ZIP_BOMB));
    }

    @Test
    void aDoctypeWithAnExternalEntityIsRefusedNotResolved() throws Exception {
        var xxe = HostileFiles.rewriteEntry(dir, "xl/sharedStrings.xml", data -> {
            var xml = new String(data, StandardCharsets.UTF_8);
            return xml.replaceFirst("\\?>", "?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
                    .replace("Врач", "&xxe;")
                    .getBytes(StandardCharsets.UTF_8);
        });
        assertRefused(xxe, "xxe.xlsx", Reason.EXTERNAL_ENTITY);
    }

    @Test
    void truncatedWorkbooksAreCorrupt() throws Exception {
        assertRefused(HostileFiles.truncated(dir, "visits.xlsx", 0.6), "visits.xlsx", Reason.CORRUPT);
        assertRefused(HostileFiles.truncated(dir, "visits.xls", 0.5), "visits.xls", Reason.CORRUPT);
    }

    @Test
    void randomBytesAfterAZipHeaderAreCorrupt() throws Exception {
        var bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;
        var file = Files.write(dir.resolve("junk.xlsx"), bytes);
        assertRefused(file, "junk.xlsx", Reason.CORRUPT);
    }

    @Test
    void passwordProtectedWorkbooksAreRefused() throws Exception {
        assertRefused(HostileFiles.encryptedXlsx(dir), "secret.xlsx", Reason.ENCRYPTED);
        assertRefused(HostileFiles.encryptedXls(dir), "secret.xls", Reason.ENCRYPTED);
    }

    @Test
    void emptyAndOversizedFilesAreRefused() throws Exception {
        assertRefused(Files.write(dir.resolve("empty.csv"), new byte[0]), "empty.csv", Reason.EMPTY_FILE);
        var limits = SpreadsheetLimits.defaults().withMaxFileBytes(1000);
        assertThatThrownBy(() -> Spreadsheets.open(Fixtures.path("visits.xlsx"), "visits.xlsx", limits))
                .isInstanceOfSatisfying(SpreadsheetException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(e.getMessage()).contains("1000");
                });
    }

    @Test
    void aWrongExtensionIsReportedWithTheRealFormat() {
        assertThatThrownBy(() -> Spreadsheets.open(Fixtures.path("visits-1251-semicolon.csv"), "visits.xlsx"))
                .isInstanceOfSatisfying(SpreadsheetException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_EXTENSION);
                    assertThat(e.getMessage()).contains(".xlsx").contains("CSV");
                });
        assertRefused(Fixtures.path("visits.xlsx"), "visits.csv", Reason.WRONG_EXTENSION);
        try (var noName = Spreadsheets.open(Fixtures.path("visits.xlsx"), null)) {
            assertThat(noName.format()).isEqualTo(SpreadsheetFormat.XLSX);
        }
    }

    @Test
    void otherFormatsAreUnsupported() throws Exception {
        var docx = HostileFiles.rewriteEntry(dir, "xl/workbook.xml", data -> data);
        var renamed = dir.resolve("doc.zip");
        try (var zin = new java.util.zip.ZipInputStream(Files.newInputStream(docx));
                var zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(renamed))) {
            java.util.zip.ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                zout.putNextEntry(new java.util.zip.ZipEntry(e.getName().replace("xl/", "word/")));
                zout.write(zin.readAllBytes());
            }
        }
        assertRefused(renamed, "report.docx", Reason.UNSUPPORTED_FORMAT);
        var png = Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        assertRefused(png, "image.png", Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void mojibakeIsRefusedNotLoaded() throws Exception {
        assertRefused(Fixtures.path("visits-mojibake.csv"), "visits.csv", Reason.MOJIBAKE);
        var replaced = Files.writeString(dir.resolve("fffd.csv"), "Врач;Клиника\nИв\uFFFDнов;Центральная\n");
        assertRefused(replaced, "fffd.csv", Reason.MOJIBAKE);
    }

    @Test
    void bytesThatAreNeitherUtf8Nor1251TextAreAnUnknownEncoding() throws Exception {
        var bytes = "a;b\n".getBytes(StandardCharsets.US_ASCII);
        var odd = new byte[] {(byte) 0x81, (byte) 0x83, (byte) 0x8A, (byte) 0x8C, (byte) 0xA4, (byte) 0xB5, '\n'};
        var file = dir.resolve("odd.csv");
        Files.write(file, bytes);
        Files.write(file, odd, java.nio.file.StandardOpenOption.APPEND);
        assertRefused(file, "odd.csv", Reason.UNKNOWN_ENCODING);
    }

    @Test
    void emptySheetsAndHeaderOnlySheetsAreRefusedWhenReadAsTables() throws Exception {
        var blank = Files.writeString(dir.resolve("blank.csv"), ",,,\n,,\n\n , \n");
        assertTableRefused(blank, "blank.csv", Reason.EMPTY_SHEET);
        assertTableRefused(Fixtures.path("header_only.xlsx"), "header_only.xlsx", Reason.HEADER_ONLY);
        var numbersOnly = Files.writeString(dir.resolve("numbers.csv"), "1,2,3\n4,5,6\n");
        assertTableRefused(numbersOnly, "numbers.csv", Reason.NO_HEADER);
    }

    @Test
    void rowAndSheetLimitsHold() {
        var limits = SpreadsheetLimits.defaults().withMaxRows(3);
        try (var file = Spreadsheets.open(Fixtures.path("visits.xls"), "visits.xls", limits)) {
            assertThatThrownBy(() -> file.readRows(0, row -> true))
                    .isInstanceOfSatisfying(SpreadsheetException.class, e -> assertThat(e.reason())
                            .isEqualTo(Reason.TOO_MANY_ROWS));
            assertThatThrownBy(() -> file.readRows(5, row -> true))
                    .isInstanceOfSatisfying(SpreadsheetException.class, e -> assertThat(e.reason())
                            .isEqualTo(Reason.NO_SUCH_SHEET));
        }
    }

    private static void assertRefused(Path file, String name, Reason reason) {
        assertThatThrownBy(() -> {
                    try (var f = Spreadsheets.open(file, name)) {
                        f.readRows(0, row -> true);
                    }
                })
                .isInstanceOfSatisfying(
                        SpreadsheetException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void assertTableRefused(Path file, String name, Reason reason) {
        try (var f = Spreadsheets.open(file, name)) {
            assertThatThrownBy(() -> ReadersTest.readTable(f, 0))
                    .isInstanceOfSatisfying(SpreadsheetException.class, e -> assertThat(e.reason())
                            .isEqualTo(reason));
        }
    }
}
