package io.polyclinic.collector.event;

import io.polyclinic.collector.site.KnownSitesService;
import io.polyclinic.contracts.analytics.RawEvent;
import io.polyclinic.platform.id.Ids;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The collector's one use case: take an event body in one of the two formats, check it, and publish it. In order: the
 * sites must be loaded (else 503), the body parsed and its fields bounded (400), the site known and the URL and time
 * within its rules (422); a bot's event is then answered but dropped, as is Plausible's {@code engagement} event; the
 * rest gets a UUIDv7 and the receive time and is published, the call returning only after Kafka acknowledged it (else
 * 503). Every outcome is counted in {@link CollectorMetrics}.
 */
public class EventIntakeService {

    /** The body formats. */
    public enum Format {
        /** {@code POST /track}. */
        TRACK,
        /** {@code POST /api/event}. */
        PLAUSIBLE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What happened to an accepted request.
     *
     * @param eventId the published event's id, or {@code null} when it was dropped on purpose
     * @param ignored why it was dropped ({@code bot}, {@code engagement}), or {@code null} when published
     */
    public record Outcome(String eventId, String ignored) {}

    /**
     * Who sent the request.
     *
     * @param ip the client's address as the server resolved it (trusted proxies applied), or {@code null}
     * @param userAgent the {@code User-Agent} header, or {@code null}
     */
    public record Client(String ip, String userAgent) {}

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]{2,45}");
    private static final String PLAUSIBLE_ENGAGEMENT = "engagement";

    private final KnownSitesService sites;
    private final EventFormats formats;
    private final EventRules rules;
    private final BotFilter bots;
    private final EventPublisher publisher;
    private final CollectorMetrics metrics;

    public EventIntakeService(
            KnownSitesService sites,
            EventFormats formats,
            EventRules rules,
            BotFilter bots,
            EventPublisher publisher,
            CollectorMetrics metrics) {
        this.sites = sites;
        this.formats = formats;
        this.rules = rules;
        this.bots = bots;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * Checks and publishes one event.
     *
     * @param body the raw request body (already bounded in size), or {@code null} when there was none
     * @throws EventRejectedException when the event is refused (400/422)
     * @throws EventsUnavailableException when the sites are not loaded yet or Kafka did not acknowledge (503)
     */
    public Outcome accept(Format format, byte[] body, Client client) {
        try {
            return acceptCounted(format, body, client);
        } catch (EventRejectedException e) {
            metrics.rejected(e.reason());
            throw e;
        } catch (EventsUnavailableException e) {
            metrics.rejected(e.problemType());
            throw e;
        }
    }

    private Outcome acceptCounted(Format format, byte[] body, Client client) {
        if (!sites.isLoaded()) {
            throw new EventsUnavailableException();
        }
        if (body == null || body.length == 0) {
            throw EventRejectedException.invalid("malformed-json", "body", "The body is empty.");
        }
        Function<byte[], IncomingEvent> parser = format == Format.TRACK ? formats::track : formats::plausible;
        var event = parser.apply(body);
        var now = rules.now();
        var site = rules.check(event, now);
        if (bots.isBot(client.userAgent())) {
            metrics.ignored("bot");
            return new Outcome(null, "bot");
        }
        if (format == Format.PLAUSIBLE && PLAUSIBLE_ENGAGEMENT.equals(event.name())) {
            metrics.ignored(PLAUSIBLE_ENGAGEMENT);
            return new Outcome(null, PLAUSIBLE_ENGAGEMENT);
        }
        metrics.accepted(format.tag());
        var raw = new RawEvent(
                RawEvent.VERSION,
                Ids.newId().toString(),
                site.trackingId(),
                event.type(),
                event.name(),
                event.url(),
                event.referrer(),
                event.props(),
                event.revenue(),
                now,
                event.clientTimestamp(),
                client.ip() != null && IP.matcher(client.ip()).matches() ? client.ip() : null,
                printable(client.userAgent()),
                event.screenWidth(),
                event.sessionId());
        publisher.publish(raw);
        metrics.published();
        return new Outcome(raw.eventId(), null);
    }

    /** The user agent with control characters blanked (a header may carry tabs), as the raw event's schema wants. */
    private static String printable(String userAgent) {
        var chars = userAgent.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] < 0x20 || chars[i] == 0x7f) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }
}
