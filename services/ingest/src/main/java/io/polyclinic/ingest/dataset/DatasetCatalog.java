package io.polyclinic.ingest.dataset;

import static io.polyclinic.ingest.dataset.DatasetField.optional;
import static io.polyclinic.ingest.dataset.DatasetField.required;

import java.util.List;
import java.util.Optional;

/**
 * The datasets an import can target, declared in code (their fields are the contract with booking and the
 * warehouse):
 *
 * <ul>
 *   <li>{@code doctors}: keyed by an external id (personnel or licence number), never by name; delivered to booking;
 *   <li>{@code slots}: keyed by (doctor's external id, clinic, start in the clinic's local time); delivered to
 *       booking;
 *   <li>{@code clinic_visits}: monthly visits and revenue keyed by (month, clinic, department, doctor); stored in
 *       {@code warehouse.clinic_visits}.
 * </ul>
 */
public final class DatasetCatalog {

    public static final String DOCTORS = "doctors";
    public static final String SLOTS = "slots";
    public static final String CLINIC_VISITS = "clinic_visits";

    private static final List<Dataset> DATASETS = List.of(
            new Dataset(
                    DOCTORS,
                    "Doctors of the network's clinics, created or updated in booking by their external id.",
                    List.of(
                            required("external_id", FieldType.TEXT, 64, "Personnel or licence number; the key."),
                            required("full_name", FieldType.TEXT, 200, "The doctor's full name."),
                            required("specialty", FieldType.TEXT, 100, "Specialty code or its Russian/English name."),
                            required("clinic", FieldType.TEXT, 200, "The clinic's id or name."),
                            optional("phone", FieldType.PHONE, 40, "Work phone, stored in E.164."),
                            optional("email", FieldType.EMAIL, 320, "Work email."),
                            optional("experience_years", FieldType.INTEGER, 3, "Years of practice."),
                            optional("description", FieldType.TEXT, 2000, "A short description for patients.")),
                    List.of("external_id")),
            new Dataset(
                    SLOTS,
                    "Appointment slots of doctors, created in booking; a BOOKED slot is never changed.",
                    List.of(
                            required("doctor_external_id", FieldType.TEXT, 64, "The doctor's external id."),
                            required("clinic", FieldType.TEXT, 200, "The clinic's id or name."),
                            required("local_start", FieldType.LOCAL_DATE_TIME, 40, "Start, clinic's local time."),
                            required("duration_minutes", FieldType.INTEGER, 4, "Length of the slot in minutes.")),
                    List.of("doctor_external_id", "clinic", "local_start")),
            new Dataset(
                    CLINIC_VISITS,
                    "Monthly visits and revenue per clinic, department and doctor, stored in the warehouse.",
                    List.of(
                            required("month", FieldType.MONTH, 40, "The month (any day of it, or the month itself)."),
                            required("clinic", FieldType.TEXT, 200, "The clinic's name."),
                            required("department", FieldType.TEXT, 200, "The department."),
                            required("doctor", FieldType.TEXT, 200, "The doctor's name."),
                            required("visits", FieldType.INTEGER, 12, "Visits in the month, 0 or more."),
                            required("revenue", FieldType.DECIMAL, 20, "Revenue of the month, 0 or more.")),
                    List.of("month", "clinic", "department", "doctor")));

    /** Every dataset, in a stable order. */
    public List<Dataset> all() {
        return DATASETS;
    }

    /** The dataset with this name, if declared. */
    public Optional<Dataset> find(String name) {
        return DATASETS.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * The dataset with this name.
     *
     * @throws UnknownDatasetException when no dataset has this name
     */
    public Dataset get(String name) {
        return find(name).orElseThrow(() -> new UnknownDatasetException(name));
    }
}
