package io.polyclinic.ingest.bookingimport;

import io.polyclinic.contracts.booking.v1.DoctorRow;
import io.polyclinic.contracts.booking.v1.ImportContext;
import io.polyclinic.contracts.booking.v1.RowResult;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.ingest.dataset.SinkRow;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code doctors} dataset, delivered to booking by external id. A {@code specialty} or {@code clinic} cell may
 * list several, separated by {@code ;} or a line break; {@code description} becomes the doctor's bio; {@code phone}
 * (already E.164) and {@code email} become the doctor's work contacts. An empty optional cell is not sent, so booking
 * keeps what it has.
 */
public class DoctorsSink extends BookingSink<DoctorRow> {

    private static final Pattern LIST = Pattern.compile("[;\\n]");
    private static final Map<String, String> FIELDS =
            Map.of("specialties", "specialty", "clinics", "clinic", "bio", "description");

    public DoctorsSink(BookingImportClient booking, BookingImportProperties properties) {
        super(booking, properties);
    }

    @Override
    public String dataset() {
        return DatasetCatalog.DOCTORS;
    }

    @Override
    DoctorRow toBookingRow(SinkRow row) {
        var doctor = DoctorRow.newBuilder()
                .setRowNumber(row.rowNumber())
                .setExternalId(text(row, "external_id"))
                .setFullName(text(row, "full_name"))
                .addAllSpecialties(list(text(row, "specialty")))
                .addAllClinics(list(text(row, "clinic")));
        if (row.get("experience_years") instanceof Number years) {
            doctor.setExperienceYears((int) Math.max(-1, Math.min(years.longValue(), Integer.MAX_VALUE)));
        }
        if (row.get("description") instanceof String bio) {
            doctor.setBio(bio);
        }
        if (row.get("phone") instanceof String phone) {
            doctor.setPhone(phone);
        }
        if (row.get("email") instanceof String email) {
            doctor.setEmail(email);
        }
        return doctor.build();
    }

    @Override
    List<RowResult> send(BookingImportClient booking, ImportContext context, List<DoctorRow> rows) {
        return booking.importDoctors(context, rows);
    }

    @Override
    Map<String, String> fieldNames() {
        return FIELDS;
    }

    static String text(SinkRow row, String field) {
        var value = row.get(field);
        return value == null ? "" : value.toString();
    }

    private static List<String> list(String cell) {
        return Arrays.stream(LIST.split(cell))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
