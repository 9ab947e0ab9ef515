package io.polyclinic.ingest.bookingimport;

import io.polyclinic.contracts.booking.v1.ImportContext;
import io.polyclinic.contracts.booking.v1.RowResult;
import io.polyclinic.contracts.booking.v1.SlotRow;
import io.polyclinic.ingest.dataset.DatasetCatalog;
import io.polyclinic.ingest.dataset.SinkRow;
import java.util.List;
import java.util.Map;

/**
 * The {@code slots} dataset, delivered to booking by (doctor's external id, clinic, local start): booking reads the
 * local start in the clinic's time zone, so a daylight-saving gap is its row error; a BOOKED slot is never changed.
 */
public class SlotsSink extends BookingSink<SlotRow> {

    public SlotsSink(BookingImportClient booking, BookingImportProperties properties) {
        super(booking, properties);
    }

    @Override
    public String dataset() {
        return DatasetCatalog.SLOTS;
    }

    @Override
    SlotRow toBookingRow(SinkRow row) {
        var minutes = row.get("duration_minutes") instanceof Number n ? n.longValue() : -1;
        return SlotRow.newBuilder()
                .setRowNumber(row.rowNumber())
                .setDoctorExternalId(DoctorsSink.text(row, "doctor_external_id"))
                .setClinic(DoctorsSink.text(row, "clinic"))
                .setLocalStart(DoctorsSink.text(row, "local_start"))
                .setDurationMinutes((int) Math.max(-1, Math.min(minutes, Integer.MAX_VALUE)))
                .build();
    }

    @Override
    List<RowResult> send(BookingImportClient booking, ImportContext context, List<SlotRow> rows) {
        return booking.importSlots(context, rows);
    }

    @Override
    Map<String, String> fieldNames() {
        return Map.of();
    }
}
