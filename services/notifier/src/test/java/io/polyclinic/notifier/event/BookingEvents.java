package io.polyclinic.notifier.event;

import io.polyclinic.notifier.KafkaTestBroker;
import io.polyclinic.testkit.kafka.KafkaTestConsumers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: writes booking events as booking's outbox relay would, and reads the dead-letter topic. */
final class BookingEvents {

    static final String TOPIC = "booking.events";
    static final String DEAD_LETTER_TOPIC = "booking.events.dlt";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KafkaTemplate<String, byte[]> template;

    private BookingEvents() {}

    /** The data of an appointment event; change fields with the record's copy methods in the tests. */
    record Appointment(
            UUID appointmentId,
            UUID doctorId,
            String doctorName,
            String clinicName,
            String clinicAddress,
            String clinicTimeZone,
            String patientEmail,
            String locale,
            Instant start,
            Instant end) {

        static Appointment of(String patientEmail, String locale, Instant start) {
            return new Appointment(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "Иванова Анна Петровна",
                    "Polyclinic <Central>",
                    "Tverskaya 1, Moscow",
                    "Europe/Moscow",
                    patientEmail,
                    locale,
                    start,
                    start.plus(Duration.ofMinutes(30)));
        }

        Appointment movedTo(Instant newStart) {
            return new Appointment(
                    appointmentId,
                    doctorId,
                    doctorName,
                    clinicName,
                    clinicAddress,
                    clinicTimeZone,
                    patientEmail,
                    locale,
                    newStart,
                    newStart.plus(Duration.ofMinutes(30)));
        }
    }

    /** The envelope JSON of an appointment event. */
    static String envelope(UUID eventId, String type, Appointment a, Map<String, Object> extra) {
        var data = new LinkedHashMap<String, Object>();
        data.put("appointmentId", a.appointmentId().toString());
        data.put("slotId", UUID.randomUUID().toString());
        data.put("doctorId", a.doctorId().toString());
        data.put("doctorName", a.doctorName());
        data.put("clinicId", UUID.randomUUID().toString());
        data.put("clinicName", a.clinicName());
        data.put("clinicAddress", a.clinicAddress());
        data.put("clinicTimeZone", a.clinicTimeZone());
        data.put("patientId", UUID.randomUUID().toString());
        data.put("patientEmail", a.patientEmail());
        data.put("locale", a.locale());
        data.put("start", a.start().toString());
        data.put("end", a.end().toString());
        data.put("status", type.equals("AppointmentCancelled") ? "CANCELLED" : "BOOKED");
        data.put("cancelReason", null);
        data.put("cancelledBy", null);
        data.put("previousSlotId", null);
        data.put("previousStart", null);
        data.put("previousEnd", null);
        data.put("someFieldAddedLater", "ignored");
        data.putAll(extra);
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("id", eventId.toString());
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("source", "booking");
        envelope.put("version", 1);
        envelope.put("data", data);
        return JSON.writeValueAsString(envelope);
    }

    static void send(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    static void send(String key, byte[] value) {
        send(new ProducerRecord<>(TOPIC, key, value));
    }

    /** Sends the event to another topic (a test context of its own reads that one). */
    static void sendTo(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Appends a record to the dead-letter topic directly, as the consumer's error handler would. */
    static void sendToDeadLetterTopic(String key, String value) {
        send(new ProducerRecord<>(DEAD_LETTER_TOPIC, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends the event with a W3C {@code traceparent} header, as booking's relay does for a traced request. */
    static void sendWithTraceparent(String key, String value, String traceparent) {
        var record = new ProducerRecord<>(TOPIC, key, value.getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    private static synchronized void send(ProducerRecord<String, byte[]> record) {
        if (template == null) {
            template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer()));
        }
        try {
            template.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send a test event", e);
        }
    }

    /** Reads the dead-letter topic from the start until {@code expected} records with this key arrived or time is up. */
    static List<ConsumerRecord<String, byte[]>> deadLettersWithKey(String key, int expected, Duration maxWait) {
        return recordsWithKey(DEAD_LETTER_TOPIC, key, expected, maxWait);
    }

    /** Reads a topic from the start until {@code expected} records with this key arrived or time is up. */
    static List<ConsumerRecord<String, byte[]>> recordsWithKey(
            String topic, String key, int expected, Duration maxWait) {
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer =
                KafkaTestConsumers.fromTheStart(KafkaTestBroker.bootstrapServers(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
