package io.polyclinic.booking.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.polyclinic.booking.BookingApiTest;
import io.polyclinic.contracts.booking.v1.BookingImportServiceGrpc;
import io.polyclinic.contracts.booking.v1.DoctorRow;
import io.polyclinic.contracts.booking.v1.ImportContext;
import io.polyclinic.contracts.booking.v1.ImportDoctorsRequest;
import io.polyclinic.contracts.booking.v1.ImportSlotsRequest;
import io.polyclinic.contracts.booking.v1.RowResult;
import io.polyclinic.contracts.booking.v1.RowResult.Outcome;
import io.polyclinic.contracts.booking.v1.SlotRow;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Booking's bulk import over a real gRPC channel to the service's own server, as the ingest service calls it with its
 * service token: doctors by external id, slots by (doctor, clinic, local start), idempotent re-imports, row errors,
 * booked slots left alone, the clinic scope, the dry run and the service-token rule.
 */
class BookingImportGrpcTest extends BookingApiTest {

    private static final String INGEST = TestJwtIssuer.shared().serviceToken("ingest", "booking.import");

    @Autowired
    private GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;
    private final UUID importer = Ids.newId();

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("localhost", grpcServer.getPort())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void doctorsAreImportedByExternalIdThroughTheUseCaseAndAReimportChangesNothing() throws Exception {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var specialty = createSpecialty();
        var number = "TAB-" + next();
        var row = doctor(2, number, "Иванова  Анна Петровна", "Specialty " + specialty, clinicName(clinic));

        var first = importDoctors(admin(), List.of(row));

        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.getRowNumber()).isEqualTo(2);
            assertThat(r.getOutcome()).isEqualTo(Outcome.INSERTED);
        });
        var doctorId = UUID.fromString(first.getFirst().getEntityId());
        var card = get("/api/v1/doctors/" + doctorId, null);
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.text("fullName")).isEqualTo("Иванова Анна Петровна");
        var registered = audit.single("DOCTOR_REGISTERED", "doctor", doctorId);
        assertThat(registered.actorId()).isEqualTo(importer);
        assertThat(registered.details().get("channel")).isEqualTo(Map.of("service", "ingest", "importId", importId));

        assertThat(importDoctors(admin(), List.of(row)))
                .extracting(RowResult::getOutcome)
                .containsExactly(Outcome.UNCHANGED);
        var renamed =
                row.toBuilder().setFullName("Иванова-Смирнова Анна Петровна").build();
        assertThat(importDoctors(admin(), List.of(renamed)))
                .extracting(RowResult::getOutcome, RowResult::getEntityId)
                .containsExactly(tuple(Outcome.UPDATED, doctorId.toString()));
        assertThat(get("/api/v1/doctors/" + doctorId, null).text("fullName"))
                .isEqualTo("Иванова-Смирнова Анна Петровна");
        assertThat(audit.about("doctor", doctorId)).hasSize(2);
    }

    @Test
    void theWorkPhoneAndEmailAreStoredUpdatedAndKeptWhenARowLeavesThemOut() throws Exception {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var specialty = createSpecialty();
        var row = doctor(2, "TEL-" + next(), "Сидорова Мария", specialty, clinic.toString()).toBuilder()
                .setPhone("+74951234567")
                .setEmail("sidorova@clinic.example")
                .build();

        var doctorId = importDoctors(admin(), List.of(row)).getFirst().getEntityId();

        var card = get("/api/v1/doctors/" + doctorId, null);
        assertThat(card.text("phone")).isEqualTo("+74951234567");
        assertThat(card.text("email")).isEqualTo("sidorova@clinic.example");
        assertThat(importDoctors(admin(), List.of(row)))
                .extracting(RowResult::getOutcome)
                .containsExactly(Outcome.UNCHANGED);
        var newPhone = row.toBuilder().setPhone("+78121234567").build();
        assertThat(importDoctors(admin(), List.of(newPhone)))
                .extracting(RowResult::getOutcome)
                .containsExactly(Outcome.UPDATED);
        assertThat(get("/api/v1/doctors/" + doctorId, null).text("phone")).isEqualTo("+78121234567");
        var withoutContacts = newPhone.toBuilder().clearPhone().clearEmail().build();
        assertThat(importDoctors(admin(), List.of(withoutContacts)))
                .extracting(RowResult::getOutcome)
                .containsExactly(Outcome.UNCHANGED);
        card = get("/api/v1/doctors/" + doctorId, null);
        assertThat(card.text("phone")).isEqualTo("+78121234567");
        assertThat(card.text("email")).isEqualTo("sidorova@clinic.example");
    }

    @Test
    void aPhoneNotInE164OrAMalformedEmailIsARowErrorNamingTheField() throws Exception {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var specialty = createSpecialty();
        var base = doctor(2, "TEL-" + next(), "Doctor Phone", specialty, clinic.toString());

        var results = importDoctors(
                admin(),
                List.of(
                        base.toBuilder().setPhone("8 495 123-45-67").build(),
                        base.toBuilder()
                                .setRowNumber(3)
                                .setExternalId("TEL-" + next())
                                .setEmail("no at sign")
                                .build()));

        assertThat(results)
                .extracting(RowResult::getOutcome, RowResult::getField)
                .containsExactly(tuple(Outcome.REJECTED, "phone"), tuple(Outcome.REJECTED, "email"));
    }

    @Test
    void unknownClinicsAndSpecialtiesAreRowErrorsAndTheOtherRowsStillLand() throws Exception {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var specialty = createSpecialty();

        var results = importDoctors(
                admin(),
                List.of(
                        doctor(2, "A-" + next(), "Doctor One", specialty, "No such clinic"),
                        doctor(3, "A-" + next(), "Doctor Two", "astrology", clinic.toString()),
                        doctor(4, "A-" + next(), "Doctor Three", "Специальность " + specialty, clinic.toString()),
                        doctor(5, "", "Doctor Four", specialty, clinic.toString())));

        assertThat(results).extracting(RowResult::getRowNumber).containsExactly(2L, 3L, 4L, 5L);
        assertThat(results)
                .extracting(RowResult::getOutcome, RowResult::getField)
                .containsExactly(
                        tuple(Outcome.REJECTED, "clinics"),
                        tuple(Outcome.REJECTED, "specialties"),
                        tuple(Outcome.INSERTED, ""),
                        tuple(Outcome.REJECTED, "external_id"));
        assertThat(results.get(0).getReason()).contains("No such clinic");
        assertThat(results.get(1).getReason()).contains("astrology");
    }

    @Test
    void slotsAreKeyedByLocalStartWithDaylightSavingGapsAndOverlapsAsRowErrors() throws Exception {
        var clinic = createClinic("Berlin", "Europe/Berlin");
        var number = "LIC-" + next();
        importDoctors(admin(), List.of(doctor(1, number, "Doctor Berlin", createSpecialty(), clinic.toString())));
        var year = LocalDate.now().getYear() + 1;
        // The last Sunday of March: 02:00-03:00 does not exist in Berlin.
        var gapDay = LocalDate.of(year, 3, 31)
                .with(java.time.temporal.TemporalAdjusters.lastInMonth(java.time.DayOfWeek.SUNDAY));
        var day = LocalDate.of(year, 2, 10);

        var results = importSlots(
                admin(),
                List.of(
                        slot(2, number, clinic.toString(), day.atTime(9, 0), 30),
                        slot(3, number, clinic.toString(), day.atTime(9, 15), 30),
                        slot(4, number, clinic.toString(), gapDay.atTime(2, 30), 30),
                        slot(5, "NO-SUCH-" + next(), clinic.toString(), day.atTime(11, 0), 30),
                        slot(6, number, clinic.toString(), day.atTime(9, 0), 30)));

        assertThat(results)
                .extracting(RowResult::getOutcome, RowResult::getField)
                .containsExactly(
                        tuple(Outcome.INSERTED, ""),
                        tuple(Outcome.REJECTED, "local_start"),
                        tuple(Outcome.REJECTED, "local_start"),
                        tuple(Outcome.REJECTED, "doctor_external_id"),
                        tuple(Outcome.UNCHANGED, ""));
        assertThat(results.get(2).getReason()).contains("does not exist");
        var start = jdbc.sql("select start_at from slots where id = ?")
                .param(UUID.fromString(results.getFirst().getEntityId()))
                .query(java.time.OffsetDateTime.class)
                .single();
        assertThat(start.toInstant())
                .isEqualTo(day.atTime(9, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant());
    }

    @Test
    void aReimportNeverChangesABookedSlot() throws Exception {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var number = "B-" + next();
        importDoctors(admin(), List.of(doctor(1, number, "Doctor Booked", createSpecialty(), clinic.toString())));
        var start = LocalDateTime.now(ZoneId.of("Europe/Moscow"))
                .plusDays(3)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var slotId = importSlots(admin(), List.of(slot(1, number, clinic.toString(), start, 30)))
                .getFirst()
                .getEntityId();
        var patient = patientToken(Ids.newId());
        assertThat(post("/api/v1/appointments", patient, Map.of("slotId", slotId))
                        .status())
                .isEqualTo(201);

        var longer = importSlots(admin(), List.of(slot(1, number, clinic.toString(), start, 60)));
        var same = importSlots(admin(), List.of(slot(1, number, clinic.toString(), start, 30)));

        assertThat(longer.getFirst().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(longer.getFirst().getReason()).contains("booked");
        assertThat(same.getFirst().getOutcome()).isEqualTo(Outcome.UNCHANGED);
        var stored = jdbc.sql("select status, extract(epoch from end_at - start_at)::int from slots where id = ?")
                .param(UUID.fromString(slotId))
                .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2))
                .single();
        assertThat(stored).isEqualTo("BOOKED 1800");
    }

    @Test
    void aManagerImportsOnlyIntoTheirClinics() throws Exception {
        var own = createClinic("Москва", "Europe/Moscow");
        var foreign = createClinic("Москва", "Europe/Moscow");
        var specialty = createSpecialty();
        var manager = ImportContext.newBuilder()
                .setImportId(importId)
                .setActorUserId(importer.toString())
                .addClinicIds(own.toString())
                .build();

        var results = importDoctors(
                manager,
                List.of(
                        doctor(1, "M-" + next(), "Doctor Own", specialty, own.toString()),
                        doctor(2, "M-" + next(), "Doctor Foreign", specialty, foreign.toString())));

        assertThat(results)
                .extracting(RowResult::getOutcome, RowResult::getField)
                .containsExactly(tuple(Outcome.INSERTED, ""), tuple(Outcome.REJECTED, "clinics"));
        assertThat(jdbc.sql("select count(*) from doctor_clinics where clinic_id = ?")
                        .param(foreign)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aDryRunAnswersWhatWouldHappenAndKeepsNothing() throws Exception {
        var clinic = createClinic("Москва", "Europe/Moscow");
        var number = "D-" + next();
        var row = doctor(1, number, "Doctor Dry", createSpecialty(), clinic.toString());

        var results = importDoctors(admin().toBuilder().setDryRun(true).build(), List.of(row, row));

        assertThat(results).extracting(RowResult::getOutcome).containsExactly(Outcome.INSERTED, Outcome.UNCHANGED);
        assertThat(jdbc.sql("select count(*) from doctors where external_id = ?")
                        .param(number)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(audit.matching(e -> importId.equals(channelImportId(e.details()))))
                .isEmpty();
    }

    @Test
    void onlyAServiceTokenWithTheImportScopeMayImport() {
        var row = doctor(1, "S-" + next(), "Doctor Sec", "x", "y");

        assertCode(() -> importDoctors(null, admin(), List.of(row)), Status.Code.UNAUTHENTICATED);
        assertCode(() -> importDoctors(this.admin, admin(), List.of(row)), Status.Code.PERMISSION_DENIED);
        assertCode(
                () -> importDoctors(
                        TestJwtIssuer.shared().serviceToken("booking", "audit.write"), admin(), List.of(row)),
                Status.Code.PERMISSION_DENIED);
        assertCode(() -> importDoctors(INGEST, null, List.of(row)), Status.Code.INVALID_ARGUMENT);
    }

    // ---- helpers ----

    private final String importId = Ids.newId().toString();

    private ImportContext admin() {
        return ImportContext.newBuilder()
                .setImportId(importId)
                .setActorUserId(importer.toString())
                .setAdmin(true)
                .build();
    }

    private String clinicName(UUID clinic) {
        return jdbc.sql("select name from clinics where id = ?")
                .param(clinic)
                .query(String.class)
                .single();
    }

    private static Object channelImportId(Map<String, Object> details) {
        return details != null && details.get("channel") instanceof Map<?, ?> channel ? channel.get("importId") : null;
    }

    private static DoctorRow doctor(long row, String externalId, String name, String specialty, String clinic) {
        return DoctorRow.newBuilder()
                .setRowNumber(row)
                .setExternalId(externalId)
                .setFullName(name)
                .addSpecialties(specialty)
                .addClinics(clinic)
                .build();
    }

    private static SlotRow slot(long row, String doctor, String clinic, LocalDateTime start, int minutes) {
        return SlotRow.newBuilder()
                .setRowNumber(row)
                .setDoctorExternalId(doctor)
                .setClinic(clinic)
                .setLocalStart(start.toString())
                .setDurationMinutes(minutes)
                .build();
    }

    private List<RowResult> importDoctors(ImportContext context, List<DoctorRow> rows) throws Exception {
        return importDoctors(INGEST, context, rows);
    }

    private List<RowResult> importDoctors(String token, ImportContext context, List<DoctorRow> rows) throws Exception {
        var results = new Collector();
        var requests = stub(token).importDoctors(results);
        if (context != null) {
            requests.onNext(
                    ImportDoctorsRequest.newBuilder().setContext(context).build());
        }
        rows.forEach(
                r -> requests.onNext(ImportDoctorsRequest.newBuilder().setRow(r).build()));
        requests.onCompleted();
        return results.get();
    }

    private List<RowResult> importSlots(ImportContext context, List<SlotRow> rows) throws Exception {
        var results = new Collector();
        var requests = stub(INGEST).importSlots(results);
        requests.onNext(ImportSlotsRequest.newBuilder().setContext(context).build());
        rows.forEach(
                r -> requests.onNext(ImportSlotsRequest.newBuilder().setRow(r).build()));
        requests.onCompleted();
        return results.get();
    }

    private BookingImportServiceGrpc.BookingImportServiceStub stub(String token) {
        var stub = BookingImportServiceGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        if (token == null) {
            return stub;
        }
        var headers = new Metadata();
        headers.put(Metadata.Key.of("Authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void assertCode(org.junit.jupiter.api.function.Executable call, Status.Code code) {
        assertThatThrownBy(call::execute).satisfies(e -> {
            var failure = e instanceof ExecutionException ? e.getCause() : e;
            assertThat(failure).isInstanceOf(StatusRuntimeException.class);
            assertThat(((StatusRuntimeException) failure).getStatus().getCode()).isEqualTo(code);
        });
    }

    /** Collects a call's results; {@link #get} waits for its end and throws its failure. */
    private static final class Collector implements StreamObserver<RowResult> {
        private final List<RowResult> results = new ArrayList<>();
        private final CompletableFuture<List<RowResult>> done = new CompletableFuture<>();

        @Override
        public synchronized void onNext(RowResult value) {
            results.add(value);
        }

        @Override
        public synchronized void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public synchronized void onCompleted() {
            done.complete(List.copyOf(results));
        }

        List<RowResult> get() throws Exception {
            return done.get(60, TimeUnit.SECONDS);
        }
    }
}
