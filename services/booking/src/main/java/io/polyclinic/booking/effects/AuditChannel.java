package io.polyclinic.booking.effects;

import io.polyclinic.platform.audit.AuditEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The channel a use case runs through when it is not a user's own HTTP request, such as a bulk import streamed by the
 * ingest service: every audit entry {@link SideEffects} records while {@link #during} runs carries it in its details
 * under {@value #KEY} (for example {@code {"service":"ingest","importId":"..."}}), next to the importing user as the
 * actor. Bound to the current thread; a use case that runs without it records its entries unchanged.
 */
public final class AuditChannel {

    /** The details key of the channel. */
    public static final String KEY = "channel";

    private static final ThreadLocal<Map<String, Object>> CURRENT = new ThreadLocal<>();

    private AuditChannel() {}

    /**
     * Runs {@code work} with {@code channel} attached to every audit entry it records on this thread.
     *
     * @param channel a small JSON-serializable description of the channel
     */
    public static <T> T during(Map<String, Object> channel, Supplier<T> work) {
        var previous = CURRENT.get();
        CURRENT.set(Map.copyOf(channel));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The entry with the current channel added to its details, or the entry itself outside {@link #during}. */
    static AuditEntry annotate(AuditEntry entry) {
        var channel = CURRENT.get();
        if (channel == null) {
            return entry;
        }
        var details = new LinkedHashMap<String, Object>();
        if (entry.details() != null) {
            details.putAll(entry.details());
        }
        details.put(KEY, channel);
        return new AuditEntry(entry.actorId(), entry.action(), entry.entityType(), entry.entityId(), details);
    }
}
