package io.polyclinic.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming, proven: a workbook whose cells would take hundreds of MB as objects is read by a JVM limited to a 64 MB
 * heap. An implementation that loaded the sheet would die with OutOfMemoryError.
 */
class StreamingMemoryTest {

    private static final int ROWS = 100_000;

    @TempDir
    Path dir;

    @Test
    void aLargeXlsxIsReadWithA64MbHeap() throws Exception {
        var file = LargeFiles.visitsXlsx(dir.resolve("large.xlsx"), ROWS);
        assertThat(Files.size(file)).isGreaterThan(1024L * 1024);
        assertThat(readInSmallHeap(file, "large.xlsx")).startsWith("rows=" + ROWS + " ");
    }

    @Test
    void aLargeCsvIsReadWithA64MbHeap() throws Exception {
        var file = dir.resolve("large.csv");
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Месяц;Клиника;Отделение;Врач;Посещений;Выручка\n");
            for (var r = 1; r <= ROWS * 2; r++) {
                w.write("01.0" + (1 + r % 9) + ".2025;Центральная;Терапия;Врач №" + r + ";" + r % 500 + ";" + r
                        + ",25\n");
            }
        }
        assertThat(readInSmallHeap(file, "large.csv")).startsWith("rows=" + ROWS * 2 + " ");
    }

    private static String readInSmallHeap(Path file, String name) throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RowCounter.class.getName(),
                        file.toString(),
                        name))
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(l -> l.startsWith("rows=")).findFirst().orElse(output);
    }
}
