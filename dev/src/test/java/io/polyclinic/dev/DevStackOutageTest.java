package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.contracts.events.AppointmentEventData;
import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outage drill on the real dev stack, driven through the gateway as a user would: the audit service
 * and the Kafka broker are stopped mid-traffic and started again, and garbage is sent to the topic and the queue.
 * Nothing a user did may be lost or delivered twice: every audit record arrives once, every event is on the topic
 * once, every email is sent once.
 */
class DevStackOutageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long the platform may take to catch up after an outage (relay backoff, reconnects). */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private static final Pattern ICS_UID = Pattern.compile("(?m)^UID:(\\S+)");
    private static final Pattern ICS_METHOD = Pattern.compile("(?m)^METHOD:(\\S+)");

    @TempDir
    static Path var;

    static DevStack stack;

    /** The stack's gateway, as an API client reaches it. */
    static GatewayClient gateway;

    /** Slots some test already took, so that tests never race for the same one. */
    private static final Set<String> takenSlots = new HashSet<>();

    private static int nextDoctor;

    @BeforeAll
    static void startStack() {
        stack = DevStack.start(DevStackConfig.ephemeral(var));
        gateway = new GatewayClient(stack.gatewayUrl(), Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bookingsSucceedWhileAuditIsDownAndEveryRecordArrivesOnceWhenItIsBack() {
        var patient = login(DevStack.DEMO_PATIENT_EMAIL, DevStack.DEMO_PATIENT_PASSWORD);
        var admin = login(DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword());
        var slots = freeSlotsOfOneDoctor(10);

        var failuresBefore = outboxSendFailures("audit");
        stack.stopAudit();
        var down = gateway.get("/api/v1/audit/records?size=5", admin);
        var appointments = new ArrayList<String>();
        try {
            // The demo patient may hold 5 future appointments: each one is cancelled before the next is booked.
            for (var slot : slots) {
                var id = book(patient, slot);
                appointments.add(id);
                cancel(patient, id);
            }
            // Audit comes back only once booking's relay has really failed to deliver: the retry is what is tested.
            awaitValue(() -> outboxSendFailures("audit"), failures -> failures > failuresBefore);
        } finally {
            stack.startAudit();
        }

        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(GatewayClient.json(down).get("type").asString()).startsWith("urn:polyclinic:problem:");

        var expected = new HashMap<String, Integer>();
        for (var id : appointments) {
            expected.put("APPOINTMENT_BOOKED " + id, 1);
            expected.put("APPOINTMENT_CANCELLED " + id, 1);
        }
        var recorded = awaitValue(() -> auditRecordsOf(admin, appointments), expected::equals);
        assertThat(recorded).isEqualTo(expected);

        var verification = gateway.verifyAuditChain(admin);
        assertThat(verification.get("status").asString())
                .as(verification.toString())
                .isEqualTo("VALID");
    }

    @Test
    void bookingsAndCancellationsWhileKafkaIsDownAreEachPublishedAndEmailedOnceWhenItIsBack() {
        var email = "outage-" + UUID.randomUUID() + "@example.com";
        var patient = registerAndLogIn(email);
        var slots = freeSlotsOfOneDoctor(3);
        var kafka = stack.kafka();

        var failuresBefore = outboxSendFailures("booking.events");
        kafka.stop();
        var booked = new ArrayList<String>();
        var cancelled = new ArrayList<String>();
        try {
            for (var slot : slots) {
                booked.add(book(patient, slot));
            }
            for (var id : booked.subList(0, 2)) {
                cancel(patient, id);
                cancelled.add(id);
            }
            // Kafka comes back only once booking's relay has given up on a send (after its send timeout).
            awaitValue(() -> outboxSendFailures("booking.events"), failures -> failures > failuresBefore);
        } finally {
            kafka.restart();
        }

        var expectedEvents = new HashMap<String, Integer>();
        booked.forEach(id -> expectedEvents.put("AppointmentBooked " + id, 1));
        cancelled.forEach(id -> expectedEvents.put("AppointmentCancelled " + id, 1));
        assertThat(eventsOnTheTopic(Set.copyOf(booked), expectedEvents)).isEqualTo(expectedEvents);

        var expectedMail = new HashMap<String, Integer>();
        booked.forEach(id -> expectedMail.put("REQUEST " + id, 1));
        cancelled.forEach(id -> expectedMail.put("CANCEL " + id, 1));
        var mail = awaitValue(() -> invitationsTo(email), expectedMail::equals);
        assertThat(mail).isEqualTo(expectedMail);
    }

    @Test
    void garbageOnTheTopicAndTheQueueIsDeadLetteredAndGoodMessagesBehindItAreStillSent() throws Exception {
        var key = "garbage-" + UUID.randomUUID();
        var notJson = "this is not JSON {" + key;
        var start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        var noEmail = appointmentEvent(UUID.randomUUID(), null, start);
        var eventRecipient = "event-after-garbage-" + UUID.randomUUID() + "@example.com";
        var goodAppointment = UUID.randomUUID();
        var good = appointmentEvent(goodAppointment, eventRecipient, start);
        // One key, so one partition: the good event is behind the garbage and is only read if nothing blocks.
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (var value : List.of(notJson, noEmail, good)) {
                producer.send(new ProducerRecord<>("booking.events", key, value))
                        .get();
            }
        }

        var jobRecipient = "job-after-garbage-" + UUID.randomUUID() + "@example.com";
        var badJob = "{\"id\":\"" + UUID.randomUUID() + "\",\"to\":\"nobody\",\"subject\":\"Broken\"";
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(stack.amqpPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("default");
        var deadLetters = new ArrayList<String>();
        try (var connection = factory.newConnection();
                var channel = connection.createChannel()) {
            channel.basicPublish("", "notifications.email", null, badJob.getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("", "notifications.email", null, """
                    {"id":"%s","to":"%s","subject":"After the garbage","text":"Still delivered."}""".formatted(UUID.randomUUID(), jobRecipient)
                    .getBytes(StandardCharsets.UTF_8));

            var expected = List.of(Map.of("REQUEST " + goodAppointment, 1), List.of("After the garbage"));
            var mail = awaitValue(
                    () -> List.of(invitationsTo(eventRecipient), subjectsTo(jobRecipient)), expected::equals);
            assertThat(mail).isEqualTo(expected);

            var deadline = Instant.now().plus(CATCH_UP);
            while (!deadLetters.contains(badJob) && Instant.now().isBefore(deadline)) {
                var message = channel.basicGet("notifications.email.dlq", true);
                if (message == null) {
                    Thread.sleep(200);
                } else {
                    deadLetters.add(new String(message.getBody(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(deadLetters).contains(badJob);

        var deadEvents = new ArrayList<String>();
        try (var consumer = KafkaTestConsumers.fromTheStart(stack.kafkaBootstrapServers())) {
            consumer.subscribe(List.of("booking.events.dlt"));
            var deadline = Instant.now().plus(CATCH_UP);
            while (deadEvents.size() < 2 && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(250))) {
                    if (key.equals(record.key())) {
                        assertThat(record.headers().lastHeader("kafka_dlt-exception-message"))
                                .as("the reason of " + record.value())
                                .isNotNull();
                        deadEvents.add(record.value());
                    }
                }
            }
        }
        assertThat(deadEvents).containsExactlyInAnyOrder(notJson, noEmail);
    }

    // ---- the platform as a user sees it ----

    /** Booking's {@code polyclinic.outbox.send.failures} for a destination, from its Prometheus scrape. */
    private static double outboxSendFailures(String destination) {
        var scrape = gateway.send(HttpRequest.newBuilder(URI.create(stack.bookingUrl() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(15)));
        assertThat(scrape.statusCode()).isEqualTo(200);
        var prefix = "polyclinic_outbox_send_failures_total{";
        var tag = "destination=\"" + destination + "\"";
        return scrape.body()
                .lines()
                .filter(line -> line.startsWith(prefix) && line.contains(tag))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Per {@code "<action> <appointment id>"}: how many audit records the admin sees for these appointments. */
    private static Map<String, Integer> auditRecordsOf(String admin, List<String> appointments) {
        var counts = new HashMap<String, Integer>();
        for (var id : appointments) {
            var response =
                    gateway.get("/api/v1/audit/records?entityType=appointment&entityId=" + id + "&size=100", admin);
            if (response.statusCode() != 200) {
                return Map.of("audit answers " + response.statusCode(), 1);
            }
            for (var record : GatewayClient.json(response).get("items")) {
                counts.merge(record.get("action").asString() + " " + id, 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Reads booking.events from the beginning until every expected event of these appointments is there (or the
     * deadline passes), then a little longer so that a late duplicate would show.
     *
     * @return per {@code "<type> <appointment id>"}: how many distinct event ids, or -1 for an event id seen twice
     */
    private static Map<String, Integer> eventsOnTheTopic(Set<String> appointments, Map<String, Integer> expected) {
        var counts = new HashMap<String, Integer>();
        var eventIds = new HashSet<String>();
        try (var consumer = KafkaTestConsumers.fromTheStart(stack.kafkaBootstrapServers())) {
            consumer.subscribe(List.of("booking.events"));
            var deadline = Instant.now().plus(CATCH_UP);
            Instant settled = null;
            while (Instant.now().isBefore(settled != null ? settled : deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    JsonNode event;
                    try {
                        event = JSON.readTree(record.value());
                    } catch (RuntimeException garbage) {
                        continue;
                    }
                    var data = event.get("data");
                    var appointment = data == null || data.get("appointmentId") == null
                            ? null
                            : data.get("appointmentId").asString();
                    if (appointment == null || !appointments.contains(appointment)) {
                        continue;
                    }
                    var name = event.get("type").asString() + " " + appointment;
                    if (eventIds.add(event.get("id").asString())) {
                        counts.merge(name, 1, Integer::sum);
                    } else {
                        counts.put(name, -1);
                    }
                }
                if (settled == null && counts.equals(expected)) {
                    settled = Instant.now().plusSeconds(2);
                }
            }
        }
        return counts;
    }

    /** Per {@code "<iCalendar METHOD> <UID = appointment id>"}: how many such emails the recipient got. */
    private static Map<String, Integer> invitationsTo(String recipient) {
        var counts = new HashMap<String, Integer>();
        for (var message : mailTo(recipient)) {
            var ics = calendarOf(message);
            if (ics != null) {
                var uid = ICS_UID.matcher(ics);
                var method = ICS_METHOD.matcher(ics);
                var name = (method.find() ? method.group(1) : "?") + " " + (uid.find() ? uid.group(1) : "?");
                counts.merge(name, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<String> subjectsTo(String recipient) {
        return mailTo(recipient).stream()
                .map(message -> {
                    try {
                        return message.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<MimeMessage> mailTo(String recipient) {
        var address = new InternetAddress();
        address.setAddress(recipient);
        return stack.receivedMail().stream()
                .filter(message -> {
                    try {
                        var to = message.getAllRecipients();
                        return to != null && List.of(to).contains(address);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The text of the message's {@code text/calendar} part, or null. */
    private static String calendarOf(Part part) {
        try {
            if (part.isMimeType("multipart/*")) {
                var multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    var ics = calendarOf(multipart.getBodyPart(i));
                    if (ics != null) {
                        return ics;
                    }
                }
                return null;
            }
            if (part.isMimeType("text/calendar")) {
                try (var in = part.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return null;
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException("Unreadable message", e);
        }
    }

    /** A booking event as booking publishes it (the contracts' records); without a patient email when null. */
    private static String appointmentEvent(UUID appointmentId, String patientEmail, Instant start) {
        var data = new AppointmentEventData(
                appointmentId,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Anna Ivanova",
                UUID.randomUUID(),
                "Central",
                "Main 1",
                "Europe/Moscow",
                UUID.randomUUID(),
                patientEmail,
                "en",
                start,
                start.plus(Duration.ofMinutes(30)),
                "BOOKED",
                null,
                null,
                null,
                null,
                null,
                null);
        return JSON.writeValueAsString(
                EventEnvelope.of(UUID.randomUUID(), EventTypes.APPOINTMENT_BOOKED, Instant.now(), "booking", data));
    }

    private static String book(String token, String slotId) {
        var booked = gateway.post("/api/v1/appointments", token, "{\"slotId\":\"" + slotId + "\"}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        return GatewayClient.json(booked).get("id").asString();
    }

    private static void cancel(String token, String appointmentId) {
        var cancelled = gateway.post("/api/v1/appointments/" + appointmentId + "/cancel", token, null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    }

    private static String registerAndLogIn(String email) {
        var password = "Correct-Horse-Battery-42";
        var registered = gateway.post("/api/v1/auth/register", null, """
                {"email":"%s","password":"%s","fullName":"Outage Drill"}""".formatted(email, password));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return login(email, password);
    }

    private static String login(String email, String password) {
        var login = gateway.post("/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(email, password));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return GatewayClient.json(login).get("accessToken").asString();
    }

    /**
     * {@code count} free slots of one doctor (so they never overlap), each at least a day ahead so that the booking
     * notice and the cancellation cut-off allow them; a doctor no other test of this class used.
     */
    private static synchronized List<String> freeSlotsOfOneDoctor(int count) {
        var doctors =
                GatewayClient.json(gateway.get("/api/v1/doctors?size=50", null)).get("items");
        var dayAhead = Instant.now().plus(Duration.ofDays(1));
        while (nextDoctor < doctors.size()) {
            var doctor = doctors.get(nextDoctor++);
            if (!doctor.hasNonNull("nearestFreeSlot")) {
                continue;
            }
            var slots = new ArrayList<String>();
            var response = gateway.get("/api/v1/doctors/" + doctor.get("id").asString() + "/slots?size=100", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            for (var slot : GatewayClient.json(response).get("items")) {
                var id = slot.get("id").asString();
                if (Instant.parse(slot.get("start").asString()).isAfter(dayAhead) && !takenSlots.contains(id)) {
                    slots.add(id);
                }
            }
            if (slots.size() >= count) {
                var chosen = slots.subList(0, count);
                takenSlots.addAll(chosen);
                return List.copyOf(chosen);
            }
        }
        throw new AssertionError("No demo doctor has " + count + " free slots a day ahead");
    }

    /** Polls until the value is what the test expects or the catch-up time is over; returns the last value. */
    private static <T> T awaitValue(Supplier<T> value, java.util.function.Predicate<T> done) {
        var deadline = Instant.now().plus(CATCH_UP);
        var last = value.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = value.get();
        }
        return last;
    }
}
