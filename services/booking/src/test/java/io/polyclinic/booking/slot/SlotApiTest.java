package io.polyclinic.booking.slot;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.booking.clinic.ClinicAccess;
import io.polyclinic.booking.clinic.ClinicService;
import io.polyclinic.booking.doctor.DoctorService;
import io.polyclinic.booking.effects.SideEffects;
import io.polyclinic.booking.shared.BookingProperties;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SlotApiTest extends BookingApiTest {

    @Autowired
    private SlotRepository slotRepository;

    @Autowired
    private DoctorService doctorService;

    @Autowired
    private ClinicService clinicService;

    @Autowired
    private SideEffects effects;

    @Autowired
    private ClinicAccess clinicAccess;

    @Autowired
    private BookingProperties properties;

    private Map<String, Object> slot(Object clinicId, Object start, Object end) {
        return Map.of("clinicId", clinicId, "start", start.toString(), "end", end.toString());
    }

    @Test
    void anAdminCreatesASlotAndPatientsSeeItAsFree() {
        var f = fixture();
        var start = hoursAhead(48);
        var created = post(
                "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                admin,
                slot(f.clinicId(), start, start.plusSeconds(1800)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("AVAILABLE");
        assertThat(created.text("start")).isEqualTo(start.toString());
        assertThat(created.text("doctorId")).isEqualTo(f.doctorId().toString());
        assertThat(created.header("Location")).endsWith("/api/v1/admin/slots/" + created.text("id"));

        var day = LocalDate.ofInstant(start, ZoneId.of("Europe/Moscow"));
        var free = get("/api/v1/doctors/" + f.doctorId() + "/slots?from=" + day + "&to=" + day, null);
        assertThat(free.status()).isEqualTo(200);
        assertThat(free.items().size()).isEqualTo(1);
        assertThat(free.items().get(0).get("id").asString()).isEqualTo(created.text("id"));
        assertThat(get(
                                "/api/v1/doctors/" + f.doctorId() + "/slots?from=" + day.plusDays(1) + "&to="
                                        + day.plusDays(1),
                                null)
                        .items()
                        .size())
                .isZero();
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/slots", null)
                        .items()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aDoctorsSlotsArePagedByStartWithoutOverlapBetweenPages() {
        var f = fixture();
        var zone = ZoneId.of("Europe/Moscow");
        var created = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            created.add(createSlot(f.doctorId(), f.clinicId(), hoursAhead(100 + i), Duration.ofMinutes(30))
                    .toString());
        }
        var from = LocalDate.ofInstant(hoursAhead(100), zone);
        var to = LocalDate.ofInstant(hoursAhead(104), zone);
        createSlot(f.doctorId(), f.clinicId(), hoursAhead(104 + 24 * 3), Duration.ofMinutes(30));
        var path = "/api/v1/doctors/" + f.doctorId() + "/slots?from=" + from + "&to=" + to;

        var seen = new ArrayList<String>();
        for (int page = 0; page < 3; page++) {
            var response = get(path + "&size=2&page=" + page, null);
            assertThat(response.body().get("page").asInt()).isEqualTo(page);
            assertThat(response.body().get("size").asInt()).isEqualTo(2);
            assertThat(response.body().get("totalItems").asLong()).isEqualTo(5);
            assertThat(response.body().get("totalPages").asInt()).isEqualTo(3);
            assertThat(response.items().size()).isEqualTo(page < 2 ? 2 : 1);
            response.items().forEach(slot -> seen.add(slot.get("id").asString()));
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(created);
        var beyond = get(path + "&size=2&page=3", null);
        assertThat(beyond.items().size()).isZero();
        assertThat(beyond.body().get("totalItems").asLong()).isEqualTo(5);

        var whole = get(path, null);
        assertThat(whole.body().get("page").asInt()).isZero();
        assertThat(whole.body().get("size").asInt()).isEqualTo(PageQuery.MAX_SIZE);
        assertThat(whole.body().get("totalPages").asInt()).isEqualTo(1);
        assertThat(whole.items().findValuesAsString("id")).containsExactlyElementsOf(created);

        var adminPath = "/api/v1/admin/doctors/" + f.doctorId() + "/slots?from=" + from + "&to=" + to;
        var adminPage = get(adminPath + "&size=2&page=1", admin);
        assertThat(adminPage.body().get("totalItems").asLong()).isEqualTo(5);
        assertThat(adminPage.body().get("totalPages").asInt()).isEqualTo(3);
        assertThat(adminPage.items().findValuesAsString("id")).containsExactlyElementsOf(created.subList(2, 4));
        assertThat(get(adminPath, admin).body().get("size").asInt()).isEqualTo(PageQuery.MAX_SIZE);
    }

    @Test
    void aSlotPageLargerThanTheCapOrBeforeTheFirstIsA400() {
        var f = fixture();
        for (var path : List.of(
                "/api/v1/doctors/" + f.doctorId() + "/slots", "/api/v1/admin/doctors/" + f.doctorId() + "/slots")) {
            var tooBig = get(path + "?size=101", admin).isProblem(400, "invalid-request");
            assertThat(tooBig.raw().body()).contains("\"size\"");
            get(path + "?size=0", admin).isProblem(400, "invalid-request");
            get(path + "?page=-1", admin).isProblem(400, "invalid-request");
            get(path + "?size=lots", admin).isProblem(400, null);
            assertThat(get(path + "?size=100", admin).items().size()).isZero();
        }
    }

    @Test
    void anOverlappingSlotIsA409() {
        var f = fixture();
        var start = hoursAhead(50);
        createSlot(f.doctorId(), f.clinicId(), start, Duration.ofMinutes(30));
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        admin,
                        slot(f.clinicId(), start.plusSeconds(600), start.plusSeconds(2400)))
                .isProblem(409, "slot-overlaps");
    }

    @Test
    void invalidSlotsAreRejected() {
        var f = fixture();
        var start = hoursAhead(50);
        post("/api/v1/admin/doctors/" + f.doctorId() + "/slots", admin, slot(f.clinicId(), start, start))
                .isProblem(400, "invalid-request");
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        admin,
                        slot(f.clinicId(), start.minusSeconds(86400 * 3), start.minusSeconds(86400 * 3 - 1800)))
                .isProblem(422, "slot-in-past");
        post("/api/v1/admin/doctors/" + f.doctorId() + "/slots", admin, slot(f.clinicId(), "tomorrow", start))
                .isProblem(400, "malformed-body");
        var otherClinic = createClinic("Пермь", "Asia/Yekaterinburg");
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        admin,
                        slot(otherClinic, start, start.plusSeconds(1800)))
                .isProblem(422, "doctor-not-in-clinic");
        post(
                        "/api/v1/admin/doctors/" + Ids.newId() + "/slots",
                        admin,
                        slot(f.clinicId(), start, start.plusSeconds(1800)))
                .isProblem(404, null);
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        patientToken(Ids.newId()),
                        slot(f.clinicId(), start, start.plusSeconds(1800)))
                .isProblem(403, null);
        get("/api/v1/doctors/" + Ids.newId() + "/slots", null).isProblem(404, null);
        var today = LocalDate.now();
        get("/api/v1/doctors/" + f.doctorId() + "/slots?from=" + today + "&to=" + today.minusDays(1), null)
                .isProblem(400, "invalid-request");
        get("/api/v1/doctors/" + f.doctorId() + "/slots?from=" + today + "&to=" + today.plusDays(40), null)
                .isProblem(400, "invalid-request");
    }

    @Test
    void blockingUnblockingAndDeletingFollowTheSlotsStatus() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(60), Duration.ofMinutes(30));
        var blocked = post("/api/v1/admin/slots/" + slotId + "/block", admin, null);
        assertThat(blocked.text("status")).isEqualTo("BLOCKED");
        assertThat(post("/api/v1/admin/slots/" + slotId + "/block", admin, null).text("status"))
                .isEqualTo("BLOCKED");
        assertThat(get("/api/v1/doctors/" + f.doctorId() + "/slots", null)
                        .items()
                        .size())
                .isZero();
        assertThat(get("/api/v1/admin/doctors/" + f.doctorId() + "/slots?status=BLOCKED", admin)
                        .items()
                        .size())
                .isEqualTo(1);
        assertThat(post("/api/v1/admin/slots/" + slotId + "/unblock", admin, null)
                        .text("status"))
                .isEqualTo("AVAILABLE");

        var patient = Ids.newId();
        assertThat(post("/api/v1/appointments", patientToken(patient), Map.of("slotId", slotId))
                        .status())
                .isEqualTo(201);
        post("/api/v1/admin/slots/" + slotId + "/block", admin, null).isProblem(409, "slot-booked");
        delete("/api/v1/admin/slots/" + slotId, admin).isProblem(409, "slot-booked");

        var other = createSlot(f.doctorId(), f.clinicId(), hoursAhead(70), Duration.ofMinutes(30));
        assertThat(delete("/api/v1/admin/slots/" + other, admin).status()).isEqualTo(204);
        delete("/api/v1/admin/slots/" + other, admin).isProblem(404, null);
        post("/api/v1/admin/slots/" + Ids.newId() + "/unblock", admin, null).isProblem(404, null);
        post("/api/v1/admin/slots/not-a-uuid/block", admin, null).isProblem(400, null);
    }

    @Test
    void aManagerOfAnotherClinicCannotTouchTheSlot() {
        var f = fixture();
        var slotId = createSlot(f.doctorId(), f.clinicId(), hoursAhead(80), Duration.ofMinutes(30));
        var otherClinic = createClinic("Москва", "Europe/Moscow");
        var managerId = Ids.newId();
        var manager = managerToken(managerId, otherClinic);
        post("/api/v1/admin/slots/" + slotId + "/block", manager, null).isProblem(403, "not-clinic-manager");
        delete("/api/v1/admin/slots/" + slotId, manager).isProblem(403, "not-clinic-manager");
        var start = hoursAhead(90);
        post(
                        "/api/v1/admin/doctors/" + f.doctorId() + "/slots",
                        manager,
                        slot(f.clinicId(), start, start.plusSeconds(1800)))
                .isProblem(403, "not-clinic-manager");

        var managerOfBoth = managerToken(managerId, otherClinic, f.clinicId());
        assertThat(post("/api/v1/admin/slots/" + slotId + "/block", managerOfBoth, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void withoutFromTheFreeListStartsAtNowEvenWhereTheLocalDateIsStillYesterdayInUtc() {
        var clinic = createClinic("New York", "America/New_York");
        var doctor = createDoctor("West " + next(), createSpecialty(), clinic);
        // 02:00 UTC is 21:00 or 22:00 of the day before in New York; the slot at 03:30 UTC is still that local day
        var now = LocalDate.now(ZoneOffset.UTC).plusDays(3).atTime(2, 0).toInstant(ZoneOffset.UTC);
        var slot = createSlot(doctor, clinic, now.plus(Duration.ofMinutes(90)), Duration.ofMinutes(30));
        var service = new SlotService(
                slotRepository,
                doctorService,
                clinicService,
                clinicAccess,
                properties,
                Clock.fixed(now, ZoneOffset.UTC),
                effects);

        assertThat(service.freeSlots(doctor, null, null, null, PageQuery.of(0, PageQuery.MAX_SIZE))
                        .items())
                .extracting(Slot::id)
                .containsExactly(slot);
    }

    @Test
    void aManagerListsOnlyTheSlotsOfTheClinicsTheyManage() {
        var f = fixture();
        var otherClinic = createClinic("Москва", "Europe/Moscow");
        put(
                "/api/v1/admin/doctors/" + f.doctorId(),
                admin,
                Map.of(
                        "fullName",
                        "Shared Doctor",
                        "specialties",
                        List.of(f.specialty()),
                        "clinicIds",
                        List.of(f.clinicId(), otherClinic)));
        var own = createSlot(f.doctorId(), f.clinicId(), hoursAhead(60), Duration.ofMinutes(30));
        createSlot(f.doctorId(), otherClinic, hoursAhead(61), Duration.ofMinutes(30));

        var path = "/api/v1/admin/doctors/" + f.doctorId() + "/slots";
        var managers = get(path, managerToken(Ids.newId(), f.clinicId()));
        assertThat(managers.status()).isEqualTo(200);
        assertThat(managers.items().size()).isEqualTo(1);
        assertThat(managers.body().get("totalItems").asLong()).isEqualTo(1);
        assertThat(managers.items().get(0).get("id").asString()).isEqualTo(own.toString());
        assertThat(get(path, admin).items().size()).isEqualTo(2);
        var stranger = get(path, managerToken(Ids.newId()));
        assertThat(stranger.items().size()).isZero();
        assertThat(stranger.body().get("totalItems").asLong()).isZero();
        assertThat(stranger.body().get("totalPages").asInt()).isZero();
    }
}
