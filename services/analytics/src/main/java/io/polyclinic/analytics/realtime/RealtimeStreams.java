package io.polyclinic.analytics.realtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.platform.web.sse.EventStreams;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live streams of this instance, by site. Every {@code push-interval} the figures of each site with a
 * stream are read once and sent, as event {@code realtime}, to its streams when they differ from the last ones sent;
 * a new stream gets the current figures at once. Heartbeats and the end on shutdown come from {@link EventStreams}.
 */
@Component
public class RealtimeStreams {

    private static final Logger log = LoggerFactory.getLogger(RealtimeStreams.class);

    private final RealtimeService realtime;
    private final EventStreams eventStreams;
    private final RealtimeProperties properties;
    private final Map<UUID, Set<SseEmitter>> bySite = new ConcurrentHashMap<>();
    private final Map<UUID, RealtimeSnapshot> lastSent = new ConcurrentHashMap<>();

    public RealtimeStreams(
            RealtimeService realtime,
            EventStreams eventStreams,
            RealtimeProperties properties,
            MeterRegistry registry) {
        this.realtime = realtime;
        this.eventStreams = eventStreams;
        this.properties = properties;
        Gauge.builder("polyclinic.analytics.realtime.streams", this, RealtimeStreams::open)
                .description("Live-view streams open on this instance")
                .register(registry);
    }

    /**
     * Opens a stream of a site's figures (the caller's access already checked).
     *
     * @throws TooManyStreamsException (503) when this instance has {@code max-streams} open
     */
    SseEmitter open(UUID siteId) {
        if (open() >= properties.maxStreams()) {
            throw new TooManyStreamsException();
        }
        var emitter = eventStreams.open();
        var streams = bySite.computeIfAbsent(siteId, id -> ConcurrentHashMap.newKeySet());
        streams.add(emitter);
        Runnable forget = () -> forget(siteId, emitter);
        emitter.onCompletion(forget);
        emitter.onError(e -> forget.run());
        // The next push goes to every stream of the site, so this one never misses a change after its first figures.
        lastSent.remove(siteId);
        send(siteId, emitter, realtime.snapshot(siteId));
        return emitter;
    }

    /** Reads and sends the figures of every site with an open stream, where they changed. */
    @Scheduled(fixedDelayString = "${polyclinic.analytics.realtime.push-interval:2s}")
    void push() {
        for (var entry : bySite.entrySet()) {
            var siteId = entry.getKey();
            try {
                var snapshot = realtime.snapshot(siteId);
                if (snapshot.sameFiguresAs(lastSent.get(siteId))) {
                    continue;
                }
                lastSent.put(siteId, snapshot);
                for (var emitter : entry.getValue()) {
                    send(siteId, emitter, snapshot);
                }
            } catch (RuntimeException e) {
                // The database is away: the streams stay open and get the figures once it is back.
                log.warn("Live figures of site {} not read: {}", siteId, e.toString());
            }
        }
    }

    /** The number of live streams open on this instance. */
    int open() {
        return bySite.values().stream().mapToInt(Set::size).sum();
    }

    private void send(UUID siteId, SseEmitter emitter, RealtimeSnapshot snapshot) {
        try {
            emitter.send(SseEmitter.event().name("realtime").data(snapshot));
        } catch (IOException | IllegalStateException gone) {
            forget(siteId, emitter);
            emitter.complete();
        }
    }

    private void forget(UUID siteId, SseEmitter emitter) {
        bySite.computeIfPresent(siteId, (id, streams) -> {
            streams.remove(emitter);
            if (streams.isEmpty()) {
                lastSent.remove(id);
                return null;
            }
            return streams;
        });
    }
}
