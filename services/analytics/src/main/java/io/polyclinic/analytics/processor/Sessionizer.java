package io.polyclinic.analytics.processor;

import io.polyclinic.analytics.event.StoredEvent;
import io.polyclinic.platform.id.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Assigns one visitor's events to sessions: an event joins the session whose span it falls in or comes within the
 * inactivity timeout (30 minutes by default) of, before or after, the nearest one if several; otherwise it starts a
 * new session. A late event therefore extends a session backwards as well as forwards; a late event that would
 * bridge two sessions joins the nearer one, and the two stay apart (decision 0049). Pure logic: the caller loads the
 * sessions near the events and stores the result.
 */
final class Sessionizer {

    private final Duration timeout;

    Sessionizer(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The outcome for one visitor.
     *
     * @param events the events with their session ids, in time order
     * @param before the touched sessions' states before (absent for new sessions), by session id
     * @param after the touched sessions' states now, by session id
     */
    record Result(List<StoredEvent> events, Map<UUID, SessionState> before, Map<UUID, SessionState> after) {}

    /**
     * @param known the visitor's sessions near the events, as stored
     * @param events the visitor's new events (one site, one visitor)
     */
    Result assign(List<SessionState> known, List<StoredEvent> events) {
        var sessions = new LinkedHashMap<UUID, SessionState>();
        var before = new LinkedHashMap<UUID, SessionState>();
        for (var session : known) {
            sessions.put(session.sessionId(), session);
            before.put(session.sessionId(), session);
        }
        var touched = new LinkedHashMap<UUID, SessionState>();
        var assigned = new ArrayList<StoredEvent>(events.size());
        var ordered = events.stream()
                .sorted(Comparator.comparing(StoredEvent::receivedAt).thenComparing(StoredEvent::eventId))
                .toList();
        for (var event : ordered) {
            var session = nearest(sessions.values(), event);
            var next = session == null ? start(event) : extend(session, event);
            sessions.put(next.sessionId(), next);
            touched.put(next.sessionId(), next);
            assigned.add(event.withSession(next.sessionId()));
        }
        var touchedBefore = new LinkedHashMap<UUID, SessionState>();
        for (var id : touched.keySet()) {
            if (before.containsKey(id)) {
                touchedBefore.put(id, before.get(id));
            }
        }
        return new Result(assigned, touchedBefore, touched);
    }

    private SessionState nearest(Iterable<SessionState> sessions, StoredEvent event) {
        SessionState best = null;
        long bestGap = Long.MAX_VALUE;
        var at = event.receivedAt();
        for (var session : sessions) {
            long gap;
            if (at.isBefore(session.startedAt())) {
                gap = Duration.between(at, session.startedAt()).toMillis();
            } else if (at.isAfter(session.lastSeen())) {
                gap = Duration.between(session.lastSeen(), at).toMillis();
            } else {
                gap = 0;
            }
            if (gap <= timeout.toMillis() && gap < bestGap) {
                best = session;
                bestGap = gap;
            }
        }
        return best;
    }

    private static SessionState start(StoredEvent e) {
        return enteredBy(Ids.newId(), e, e.receivedAt(), e.isPageview() ? 1 : 0, 1);
    }

    private static SessionState extend(SessionState s, StoredEvent e) {
        var lastSeen = e.receivedAt().isAfter(s.lastSeen()) ? e.receivedAt() : s.lastSeen();
        int pageviews = s.pageviews() + (e.isPageview() ? 1 : 0);
        if (e.receivedAt().isBefore(s.startedAt())) {
            // The event is the session's new first one: the entry attributes become its own.
            return enteredBy(s.sessionId(), e, lastSeen, pageviews, s.events() + 1);
        }
        return new SessionState(
                s.sessionId(),
                s.siteId(),
                s.visitorId(),
                s.startedAt(),
                lastSeen,
                pageviews,
                s.events() + 1,
                s.entryPage(),
                s.source(),
                s.utmSource(),
                s.utmMedium(),
                s.utmCampaign(),
                s.country(),
                s.device(),
                s.browser());
    }

    /**
     * A session whose first event is {@code e}: it starts then, and its entry attributes are the event's (its site and
     * visitor are those of every session the caller passes, since it passes one visitor of one site).
     */
    private static SessionState enteredBy(UUID sessionId, StoredEvent e, Instant lastSeen, int pageviews, int events) {
        return new SessionState(
                sessionId,
                e.siteId(),
                e.visitorId(),
                e.receivedAt(),
                lastSeen,
                pageviews,
                events,
                e.path(),
                e.referrerSource(),
                empty(e.utmSource()),
                empty(e.utmMedium()),
                empty(e.utmCampaign()),
                e.country(),
                e.device(),
                e.browser());
    }

    private static String empty(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
