import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.dhatim.fastexcel.Workbook;

/**
 * Writes the benchmark's clinic_visits files (month, clinic, department, doctor, visits, revenue), every row a distinct
 * natural key. Run as a single-file program with fastexcel on the class path (bench/ingest.sh does this):
 *
 * <pre>
 * java -cp CLASSPATH bench/ingest/VisitsFiles.java xlsx OUT.xlsx ROWS
 * java -cp CLASSPATH bench/ingest/VisitsFiles.java csv OUT.csv MAX_BYTES
 * </pre>
 *
 * The .xlsx is written by the fastexcel writer (a real writer: shared strings, styles, a date format on the month
 * column), rows flushed every 1,000. The CSV is UTF-8, semicolon-separated, dd.MM.yyyy months and decimal commas, as
 * Russian Excel saves it, cut at the last whole row under MAX_BYTES.
 */
public final class VisitsFiles {

    private static final String[] CLINICS = {"Центральная", "Северная", "Южная", "Западная", "Восточная"};
    private static final String[] DEPARTMENTS = {"Терапия", "Кардиология", "Неврология", "Хирургия", "Педиатрия",
        "Офтальмология"};
    private static final LocalDate FIRST_MONTH = LocalDate.of(2024, 1, 1);

    public static void main(String[] args) throws IOException {
        var out = Path.of(args[1]);
        switch (args[0]) {
            case "xlsx" -> xlsx(out, Integer.parseInt(args[2]));
            case "csv" -> System.out.println(csv(out, Long.parseLong(args[2])));
            default -> throw new IllegalArgumentException("xlsx or csv");
        }
    }

    private static void xlsx(Path file, int rows) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            var wb = new Workbook(out, "Polyclinic bench", "1.0");
            var ws = wb.newWorksheet("visits");
            var header = new String[] {"Месяц", "Клиника", "Отделение", "Врач", "Посещений", "Выручка"};
            for (var c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            for (var r = 1; r <= rows; r++) {
                ws.value(r, 0, FIRST_MONTH.plusMonths(r % 24));
                ws.style(r, 0).format("dd.mm.yyyy").set();
                ws.value(r, 1, CLINICS[r % CLINICS.length]);
                ws.value(r, 2, DEPARTMENTS[r % DEPARTMENTS.length]);
                ws.value(r, 3, "Врач " + r);
                ws.value(r, 4, r % 700);
                ws.value(r, 5, (r % 100_000) * 12.5 + 0.25);
                if (r % 1000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        }
    }

    /** Returns the number of data rows written. */
    private static long csv(Path file, long maxBytes) throws IOException {
        var rows = 0L;
        var bytes = 0L;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var header = "Месяц;Клиника;Отделение;Врач;Посещений;Выручка\r\n";
            w.write(header);
            bytes += header.getBytes(StandardCharsets.UTF_8).length;
            while (true) {
                var r = rows + 1;
                var month = FIRST_MONTH.plusMonths(r % 24);
                var revenue = String.format("%d,%02d", (r % 100_000) * 12, 25);
                var line = String.format("%02d.%02d.%d;%s;%s;Врач %d;%d;%s\r\n", month.getDayOfMonth(),
                        month.getMonthValue(), month.getYear(), CLINICS[(int) (r % CLINICS.length)],
                        DEPARTMENTS[(int) (r % DEPARTMENTS.length)], r, r % 700, revenue);
                var len = line.getBytes(StandardCharsets.UTF_8).length;
                if (bytes + len > maxBytes) {
                    return rows;
                }
                w.write(line);
                bytes += len;
                rows++;
            }
        }
    }
}
