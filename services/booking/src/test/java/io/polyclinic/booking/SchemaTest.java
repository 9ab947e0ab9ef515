package io.polyclinic.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The invariants the schema enforces on its own, whatever the code does. */
class SchemaTest extends BookingApiTest {

    private UUID insertSlot(UUID doctor, UUID clinic, OffsetDateTime start, Duration length) {
        var id = Ids.newId();
        jdbc.sql("insert into slots (id, doctor_id, clinic_id, start_at, end_at) values (?, ?, ?, ?, ?)")
                .params(id, doctor, clinic, start, start.plus(length))
                .update();
        return id;
    }

    private void insertAppointment(UUID patient, UUID slot, Fixture f, OffsetDateTime start, String status) {
        jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(Ids.newId(), patient, slot, f.doctorId(), f.clinicId(), start, start.plusMinutes(30), status)
                .update();
    }

    @Test
    void theExclusionConstraintRejectsAnOverlappingSlotOfTheSameDoctor() {
        var f = fixture();
        var start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0);
        insertSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        assertThatThrownBy(() -> insertSlot(f.doctorId(), f.clinicId(), start.plusMinutes(15), Duration.ofMinutes(30)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("slots_no_overlap");
        // adjacent slots touch but do not overlap
        insertSlot(f.doctorId(), f.clinicId(), start.plusMinutes(30), Duration.ofMinutes(30));
    }

    @Test
    void aSlotMustEndAfterItStarts() {
        var f = fixture();
        var start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);
        assertThatThrownBy(() -> insertSlot(f.doctorId(), f.clinicId(), start, Duration.ZERO))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theUniqueIndexRejectsASecondLiveAppointmentOnASlot() {
        var f = fixture();
        var start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0);
        var slot = insertSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        insertAppointment(Ids.newId(), slot, f, start, "CANCELLED");
        insertAppointment(Ids.newId(), slot, f, start, "BOOKED");
        assertThatThrownBy(() -> insertAppointment(Ids.newId(), slot, f, start, "BOOKED"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("appointments_one_live_per_slot");
    }

    @Test
    void aPatientsBookedAppointmentsCannotOverlap() {
        var f = fixture();
        var other = createDoctor("Other " + next(), f.specialty(), f.clinicId());
        var start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0);
        var first = insertSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var second = insertSlot(other, f.clinicId(), start.plusMinutes(10), Duration.ofMinutes(30));
        var patient = Ids.newId();
        insertAppointment(patient, first, f, start, "BOOKED");
        assertThatThrownBy(() -> jdbc.sql("""
                insert into appointments (id, patient_id, slot_id, doctor_id, clinic_id, start_at, end_at, status)
                values (?, ?, ?, ?, ?, ?, ?, 'BOOKED')
                """)
                        .params(
                                Ids.newId(),
                                patient,
                                second,
                                other,
                                f.clinicId(),
                                start.plusMinutes(10),
                                start.plusMinutes(40))
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("appointments_patient_no_overlap");
    }

    @Test
    void theSearchColumnIsLowerCaseWithYoFoldedToYe() {
        var f = fixture();
        var id = createDoctor("Артём СЁМИН", f.specialty(), f.clinicId());
        var searchName = jdbc.sql("select search_name from doctors where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(searchName).isEqualTo("артем семин");
    }
}
