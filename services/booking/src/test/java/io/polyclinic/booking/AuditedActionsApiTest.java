package io.polyclinic.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.clinic.Clinic;
import io.polyclinic.booking.doctor.Doctor;
import io.polyclinic.booking.shared.DoctorStatus;
import io.polyclinic.booking.slot.Slot;
import io.polyclinic.booking.slot.SlotStatus;
import io.polyclinic.booking.specialty.Specialty;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What booking tells the audit log (S4), seen after real requests: every admin or manager change to clinics,
 * specialties, doctors, slots and working plans, and every booking and cancellation, with who did it to which
 * entity; a refused change records nothing.
 */
class AuditedActionsApiTest extends BookingApiTest {

    private static Map<String, Object> clinicBody(String name) {
        return Map.of(
                "name", name,
                "address", "Main street 1",
                "city", "Казань",
                "latitude", 55.79,
                "longitude", 49.12,
                "timeZone", "Europe/Moscow",
                "phone", "+7 843 000-00-00");
    }

    private long entries(String action, UUID actor) {
        return audit.matching(e -> action.equals(e.action()) && actor.equals(e.actorId()))
                .size();
    }

    @Test
    void clinicChangesAreRecordedWithTheAdminAndTheValuesBeforeAndAfter() {
        var clinic = createClinic("Казань", "Europe/Moscow");

        assertThat(put("/api/v1/admin/clinics/" + clinic, admin, clinicBody("Renamed clinic"))
                        .status())
                .isEqualTo(200);

        assertThat(audit.about("clinic", clinic))
                .extracting(AuditEntry::action)
                .containsExactly("CLINIC_CREATED", "CLINIC_UPDATED");
        assertThat(audit.about("clinic", clinic))
                .extracting(AuditEntry::actorId)
                .containsOnly(adminId);
        var updated = audit.single("CLINIC_UPDATED", "clinic", clinic);
        assertThat(((Clinic) updated.details().get("before")).name()).startsWith("Clinic ");
        assertThat(((Clinic) updated.details().get("after")).name()).isEqualTo("Renamed clinic");
    }

    @Test
    void aManagerRefusedAForeignClinicRecordsNothing() {
        var clinic = createClinic("Казань", "Europe/Moscow");
        var strangerId = Ids.newId();

        put("/api/v1/admin/clinics/" + clinic, managerToken(strangerId), clinicBody("Taken over"))
                .isProblem(403, null);

        assertThat(audit.about("clinic", clinic)).extracting(AuditEntry::action).containsExactly("CLINIC_CREATED");
        assertThat(audit.matching(e -> strangerId.equals(e.actorId()))).isEmpty();
    }

    @Test
    void specialtyChangesAreRecordedAndADuplicateCodeRecordsNothing() {
        var code = createSpecialty();

        put("/api/v1/admin/specialties/" + code, admin, Map.of("nameRu", "Кардиология", "nameEn", "Cardiology"));
        post("/api/v1/admin/specialties", admin, Map.of("code", code, "nameRu", "Другая", "nameEn", "Other"))
                .isProblem(409, "specialty-exists");

        assertThat(audit.about("specialty", code))
                .extracting(AuditEntry::action)
                .containsExactly("SPECIALTY_CREATED", "SPECIALTY_UPDATED");
        var renamed = audit.single("SPECIALTY_UPDATED", "specialty", code);
        assertThat(renamed.actorId()).isEqualTo(adminId);
        assertThat(renamed.details().get("after")).isEqualTo(new Specialty(code, "Кардиология", "Cardiology"));
        assertThat(((Specialty) renamed.details().get("before")).nameEn()).isEqualTo("Specialty " + code);
    }

    @Test
    void doctorRegistrationEditsAndStatusChangesAreRecorded() {
        var f = fixture();
        var edit = new HashMap<String, Object>();
        edit.put("fullName", "Renamed Doctor");
        edit.put("specialties", List.of(f.specialty()));
        edit.put("clinicIds", List.of(f.clinicId()));
        edit.put("bio", "New bio");
        edit.put("experienceYears", 13);

        assertThat(put("/api/v1/admin/doctors/" + f.doctorId(), admin, edit).status())
                .isEqualTo(200);
        assertThat(patch("/api/v1/admin/doctors/" + f.doctorId() + "/status", admin, Map.of("status", "ON_LEAVE"))
                        .status())
                .isEqualTo(200);

        assertThat(audit.about("doctor", f.doctorId()))
                .extracting(AuditEntry::action)
                .containsExactly("DOCTOR_REGISTERED", "DOCTOR_UPDATED", "DOCTOR_STATUS_CHANGED");
        var updated = audit.single("DOCTOR_UPDATED", "doctor", f.doctorId());
        assertThat(((Doctor) updated.details().get("before")).fullName()).startsWith("Doctor ");
        assertThat(((Doctor) updated.details().get("after")).fullName()).isEqualTo("Renamed Doctor");
        var status = audit.single("DOCTOR_STATUS_CHANGED", "doctor", f.doctorId());
        assertThat(status.actorId()).isEqualTo(adminId);
        assertThat(status.details())
                .containsEntry("before", DoctorStatus.ACTIVE)
                .containsEntry("after", DoctorStatus.ON_LEAVE);
    }

    @Test
    void slotChangesAreRecordedAndAnOverlappingOrIdempotentOneRecordsNothing() {
        var f = fixture();
        var start = hoursAhead(50);
        var slot = createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        var createdBefore = entries("SLOT_CREATED", adminId);

        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        admin,
                        Map.of(
                                "clinicId",
                                f.clinicId(),
                                "start",
                                start.plusSeconds(600).toString(),
                                "end",
                                start.plusSeconds(2400).toString()))
                .isProblem(409, null);
        post("/api/v1/admin/slots/" + slot + "/block", admin, null);
        post("/api/v1/admin/slots/" + slot + "/block", admin, null);
        post("/api/v1/admin/slots/" + slot + "/unblock", admin, null);
        assertThat(delete("/api/v1/admin/slots/" + slot, admin).status()).isEqualTo(204);

        assertThat(entries("SLOT_CREATED", adminId)).isEqualTo(createdBefore);
        assertThat(audit.about("slot", slot))
                .extracting(AuditEntry::action)
                .containsExactly("SLOT_CREATED", "SLOT_BLOCKED", "SLOT_UNBLOCKED", "SLOT_DELETED");
        var created = audit.single("SLOT_CREATED", "slot", slot);
        assertThat(created.details())
                .containsEntry("doctorId", f.doctorId())
                .containsEntry("clinicId", f.clinicId())
                .containsEntry("start", start);
        assertThat(audit.single("SLOT_BLOCKED", "slot", slot).details())
                .containsEntry("before", SlotStatus.AVAILABLE)
                .containsEntry("after", SlotStatus.BLOCKED);
        assertThat(((Slot) audit.single("SLOT_DELETED", "slot", slot).details().get("before")).start())
                .isEqualTo(start);
    }

    @Test
    void applyingAWorkingPlanIsRecordedOnTheDoctor() {
        var f = fixture();
        var from = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(3);
        var plan = new HashMap<String, Object>();
        plan.put("clinicId", f.clinicId());
        plan.put("from", from.toString());
        plan.put("to", from.toString());
        plan.put("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"));
        plan.put("startTime", "09:00");
        plan.put("endTime", "10:00");
        plan.put("slotMinutes", 30);

        var result = post("/api/v1/admin/doctors/" + f.doctorId() + "/working-plans", admin, plan);

        assertThat(result.status()).as(result.raw().body()).isEqualTo(201);
        var entry = audit.single("WORKING_PLAN_APPLIED", "doctor", f.doctorId());
        assertThat(entry.actorId()).isEqualTo(adminId);
        assertThat(entry.details())
                .containsEntry("planId", UUID.fromString(result.text("planId")))
                .containsEntry("clinicId", f.clinicId())
                .containsEntry("from", from)
                .containsEntry("created", 2)
                .containsEntry("skipped", 0);
    }

    @Test
    void aBookingAndItsCancellationAreRecordedWithWhoDidItAndWhy() {
        var f = fixture();
        var slot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(40), Duration.ofMinutes(30));
        var patientId = Ids.newId();
        var latecomerId = Ids.newId();

        var booked = post("/api/v1/appointments", patientToken(patientId), Map.of("slotId", slot));
        assertThat(booked.status()).as(booked.raw().body()).isEqualTo(201);
        post("/api/v1/appointments", patientToken(latecomerId), Map.of("slotId", slot))
                .isProblem(409, "slot-already-booked");
        var appointment = booked.text("id");
        var cancelled =
                post("/api/v1/admin/appointments/" + appointment + "/cancel", admin, Map.of("reason", "Doctor is ill"));
        assertThat(cancelled.status()).isEqualTo(200);

        var booking = audit.single("APPOINTMENT_BOOKED", "appointment", appointment);
        assertThat(booking.actorId()).isEqualTo(patientId);
        assertThat(booking.details()).containsEntry("slotId", slot).containsEntry("doctorId", f.doctorId());
        assertThat(audit.matching(e -> latecomerId.equals(e.actorId()))).isEmpty();
        var cancellation = audit.single("APPOINTMENT_CANCELLED", "appointment", appointment);
        assertThat(cancellation.actorId()).isEqualTo(adminId);
        assertThat(cancellation.details())
                .containsEntry("reason", "Doctor is ill")
                .containsEntry("cancelledBy", "STAFF")
                .containsEntry("patientId", patientId);
    }

    @Test
    void aPatientsOwnCancellationWithoutAReasonIsRecordedAsThePatients() {
        var f = fixture();
        var slot = createSlot(f.doctorId(), f.clinicId(), hoursAhead(41), Duration.ofMinutes(30));
        var patientId = Ids.newId();
        var appointment = post("/api/v1/appointments", patientToken(patientId), Map.of("slotId", slot))
                .text("id");

        assertThat(post("/api/v1/appointments/" + appointment + "/cancel", patientToken(patientId), null)
                        .status())
                .isEqualTo(200);

        var cancellation = audit.single("APPOINTMENT_CANCELLED", "appointment", appointment);
        assertThat(cancellation.actorId()).isEqualTo(patientId);
        assertThat(cancellation.details()).containsEntry("reason", null).containsEntry("cancelledBy", "PATIENT");
    }
}
