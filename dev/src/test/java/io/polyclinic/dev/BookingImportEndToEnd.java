package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannelBuilder;
import io.polyclinic.ingest.bookingimport.BookingImportClient;
import io.polyclinic.ingest.bookingimport.BookingImportProperties;
import io.polyclinic.ingest.bookingimport.DoctorsSink;
import io.polyclinic.ingest.bookingimport.SlotsSink;
import io.polyclinic.ingest.dataset.LoadContext;
import io.polyclinic.ingest.dataset.LoadCounts;
import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.ingest.dataset.RowError;
import io.polyclinic.ingest.dataset.SinkRow;
import io.polyclinic.platform.servicetoken.ServiceTokenClient;
import io.polyclinic.platform.servicetoken.ServiceTokenClientInterceptor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Ingest's doctors and slots sinks against the running stack: identity issues ingest's service token (client
 * {@code ingest}, scope {@code booking.import}), booking's bulk import applies the rows, and the imported doctor (with
 * the work phone and email on the card) and slot are found through the gateway as a patient finds them. One case of {@link DevStackEndToEndTest}'s stack.
 */
final class BookingImportEndToEnd {

    private BookingImportEndToEnd() {}

    static void importDoctorsThenSlotsAndFindThemThroughTheGateway(DevStack stack, GatewayClient gateway)
            throws InterruptedException {
        var clinic = GatewayClient.json(gateway.get("/api/v1/clinics?size=1", null))
                .get("items")
                .get(0);
        var specialty = GatewayClient.json(gateway.get("/api/v1/specialties?size=1", null))
                .get("items")
                .get(0);
        var number = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        var name = "Импортова Вера " + number;
        var tokens = new ServiceTokenClient(
                "ingest",
                stack.ingestClientSecret(),
                URI.create(stack.serviceUrls().get("identity") + "/oauth2/token"),
                List.of("booking.import"),
                Duration.ofSeconds(60),
                Duration.ofSeconds(5),
                Clock.systemUTC());
        var target = URI.create(stack.bookingImportTarget().replace("static://", "http://"));
        var channel = ManagedChannelBuilder.forAddress(target.getHost(), target.getPort())
                .usePlaintext()
                .build();
        try {
            var properties = new BookingImportProperties("unused", 500, Duration.ofSeconds(60), 1000);
            var booking =
                    new BookingImportClient(channel, new ServiceTokenClientInterceptor(tokens), Duration.ofSeconds(60));
            var doctors = new DoctorsSink(booking, properties);
            var slots = new SlotsSink(booking, properties);
            var errors = new ArrayList<RowError>();

            var doctorRows = List.of(
                    row(
                            2,
                            Map.of(
                                    "external_id",
                                    number,
                                    "full_name",
                                    name,
                                    "specialty",
                                    specialty.get("nameEn").asString(),
                                    "clinic",
                                    clinic.get("name").asString(),
                                    "phone",
                                    "+74951234567",
                                    "email",
                                    "vera@clinic.example")),
                    row(
                            3,
                            Map.of(
                                    "external_id",
                                    number + "-X",
                                    "full_name",
                                    "Nobody",
                                    "specialty",
                                    specialty.get("code").asString(),
                                    "clinic",
                                    "No such clinic " + number)));
            var loaded = doctors.load(context(LoadPolicy.SKIP_INVALID), doctorRows.iterator(), errors::add);

            assertThat(loaded).isEqualTo(new LoadCounts(1, 0, 0, 1));
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.rowNumber()).isEqualTo(3);
                assertThat(e.column()).isEqualTo("clinic");
                assertThat(e.value()).isEqualTo("No such clinic " + number);
            });

            var day =
                    LocalDate.now(ZoneId.of(clinic.get("timeZone").asString())).plusDays(3);
            var slotRows = List.of(row(
                    2,
                    Map.of(
                            "doctor_external_id",
                            number,
                            "clinic",
                            clinic.get("id").asString(),
                            "local_start",
                            day.atTime(7, 5),
                            "duration_minutes",
                            25L)));
            assertThat(slots.load(context(LoadPolicy.ALL_OR_NOTHING), slotRows.iterator(), errors::add))
                    .isEqualTo(new LoadCounts(1, 0, 0, 0));
            assertThat(slots.load(context(LoadPolicy.ALL_OR_NOTHING), slotRows.iterator(), errors::add))
                    .isEqualTo(new LoadCounts(0, 0, 1, 0));

            var doctorId = SpreadsheetImportEndToEnd.doctorIdFoundBy(gateway, number, name);
            var card = GatewayClient.json(gateway.get("/api/v1/doctors/" + doctorId, null));
            assertThat(card.get("phone").asString()).isEqualTo("+74951234567");
            assertThat(card.get("email").asString()).isEqualTo("vera@clinic.example");
            var free = GatewayClient.json(
                    gateway.get("/api/v1/doctors/" + doctorId + "/slots?from=" + day + "&to=" + day, null));
            assertThat(free.get("items")).hasSize(1);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static LoadContext context(LoadPolicy policy) {
        return new LoadContext(UUID.randomUUID(), UUID.randomUUID(), Set.of(), true, policy, () -> false, () -> true);
    }

    private static SinkRow row(long number, Map<String, Object> values) {
        return new SinkRow(null, number, new LinkedHashMap<>(values));
    }
}
