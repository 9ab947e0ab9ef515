package io.polyclinic.spreadsheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.dhatim.fastexcel.Workbook;

/** Writes large clinic_visits-shaped workbooks with the fastexcel writer, flushing rows as it goes. */
final class LargeFiles {

    static final String[] CLINICS = {"Центральная", "Северная", "Южная", "Западная"};
    static final String[] DEPARTMENTS = {"Терапия", "Кардиология", "Неврология", "Хирургия", "Педиатрия"};

    private LargeFiles() {}

    /** A one-sheet .xlsx: a header row and {@code rows} data rows (month, clinic, department, doctor, visits, revenue). */
    static Path visitsXlsx(Path file, int rows) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            var wb = new Workbook(out, "Polyclinic", "1.0");
            var ws = wb.newWorksheet("visits");
            var header = new String[] {"Месяц", "Клиника", "Отделение", "Врач", "Посещений", "Выручка"};
            for (var c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            var start = LocalDate.of(2024, 1, 1);
            for (var r = 1; r <= rows; r++) {
                ws.value(r, 0, start.plusMonths(r % 24));
                ws.style(r, 0).format("dd.mm.yyyy").set();
                ws.value(r, 1, CLINICS[r % CLINICS.length]);
                ws.value(r, 2, DEPARTMENTS[r % DEPARTMENTS.length]);
                ws.inlineString(r, 3, "Врач №" + r);
                ws.value(r, 4, r % 500);
                ws.value(r, 5, (r % 100_000) * 10.25);
                if (r % 1000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        }
        return file;
    }
}
