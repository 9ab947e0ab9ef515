package io.polyclinic.analytics.conversion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.analytics.alert.AlertEvaluator;
import io.polyclinic.contracts.events.EventEnvelope;
import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.schema.ContractSchemas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live consumer (group {@code analytics-live}, apart from the processor's): from {@code analytics.raw-events} it
 * learns where each tracker session came from and evaluates the sites' "visitors per hour" alerts on the stream; from
 * {@code booking.events} it records appointments booked from tracked visits. Records it cannot read are skipped and
 * counted (the processor dead-letters raw events; booking's events are checked by their producer's contract tests):
 * this consumer only adds to what is stored. A database outage holds the batch and retries it with a growing pause,
 * so nothing is skipped for it; everything it stores is idempotent, so a batch delivered again changes nothing.
 */
@Component
public class LiveEventsListener {

    private static final Logger log = LoggerFactory.getLogger(LiveEventsListener.class);
    private static final int MAX_RECORD_BYTES = 65_536;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final ConversionService conversions;
    private final AlertEvaluator alerts;
    private final JsonMapper json;
    private final Counter skipped;
    private final Counter booked;

    public LiveEventsListener(
            ConversionService conversions, AlertEvaluator alerts, JsonMapper json, MeterRegistry registry) {
        this.conversions = conversions;
        this.alerts = alerts;
        this.json = json;
        this.skipped = Counter.builder("polyclinic.analytics.live.skipped")
                .description("Records the live consumer could not read and skipped")
                .register(registry);
        this.booked = Counter.builder("polyclinic.analytics.conversions.bookings")
                .description("Appointments booked from tracked visits")
                .register(registry);
    }

    /** Starts with the processor ({@code polyclinic.analytics.processor.auto-startup}): both read the raw events. */
    @KafkaListener(
            id = "analytics-live-raw",
            groupId = "${polyclinic.analytics.conversions.group-id:analytics-live}",
            topics = "${polyclinic.analytics.conversions.raw-events-topic:analytics.raw-events}",
            autoStartup = "${polyclinic.analytics.processor.auto-startup:true}")
    void onRawEvents(List<ConsumerRecord<String, byte[]>> records) {
        var pageviews = new ArrayList<TrackedVisit>();
        for (var record : records) {
            var event = read(record);
            if (event == null) {
                continue;
            }
            var session = event.path("sessionId");
            if (!"pageview".equals(event.path("type").asString(""))
                    || !session.isString()
                    || !event.path("trackingId").isString()
                    || !event.path("url").isString()) {
                continue;
            }
            try {
                pageviews.add(new TrackedVisit(
                        session.asString(),
                        event.path("trackingId").asString(),
                        Instant.parse(event.path("receivedAt").asString("")),
                        event.path("url").asString(),
                        event.path("referrer").isString()
                                ? event.path("referrer").asString()
                                : null));
            } catch (RuntimeException e) {
                skipped.increment();
            }
        }
        var sites = untilStored(() -> conversions.recordVisits(pageviews));
        if (!sites.isEmpty()) {
            try {
                alerts.onTraffic(sites);
            } catch (RuntimeException e) {
                // The schedule evaluates the rules again shortly; the events are stored either way.
                log.warn("Alert rules not evaluated on the stream: {}", e.toString());
            }
        }
    }

    @KafkaListener(
            id = "analytics-live-bookings",
            groupId = "${polyclinic.analytics.conversions.group-id:analytics-live}",
            topics = "${polyclinic.analytics.conversions.booking-topic:booking.events}")
    void onBookingEvents(List<ConsumerRecord<String, byte[]>> records) {
        for (var record : records) {
            var event = read(record);
            if (event == null
                    || !EventTypes.APPOINTMENT_BOOKED.equals(event.path("type").asString(""))) {
                continue;
            }
            var session = event.path("data").path("trackerSessionId");
            if (!session.isString()) {
                continue;
            }
            if (event.path("version").asInt(-1) != EventEnvelope.CURRENT_VERSION
                    || !ContractSchemas.forConsumers()
                            .problems(EventTypes.APPOINTMENT_BOOKED, event)
                            .isEmpty()) {
                log.warn("Skipping an AppointmentBooked that breaks its schema at offset {}", record.offset());
                skipped.increment();
                continue;
            }
            var data = event.get("data");
            var isNew = untilStored(() -> conversions.recordBooking(
                    UUID.fromString(data.get("appointmentId").asString()),
                    UUID.fromString(event.get("id").asString()),
                    session.asString(),
                    UUID.fromString(data.get("clinicId").asString()),
                    Instant.parse(event.get("occurredAt").asString())));
            if (isNew) {
                booked.increment();
            }
        }
    }

    private JsonNode read(ConsumerRecord<String, byte[]> record) {
        var value = record.value();
        if (value == null || value.length == 0 || value.length > MAX_RECORD_BYTES) {
            skipped.increment();
            return null;
        }
        try {
            var node = json.readTree(value);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // Garbage on the topic: the processor dead-letters it; here it is only skipped.
        }
        skipped.increment();
        return null;
    }

    /**
     * Runs a store operation until the database takes it, pausing 1 s, 2 s, ... up to 30 s between tries while it is
     * unreachable; any other failure propagates.
     */
    private <T> T untilStored(Supplier<T> operation) {
        var pause = FIRST_PAUSE;
        while (true) {
            try {
                return operation.get();
            } catch (TransientDataAccessException
                    | DataAccessResourceFailureException
                    | RecoverableDataAccessException e) {
                log.warn("Live consumer waits for the database ({}): {}", pause, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }
}
