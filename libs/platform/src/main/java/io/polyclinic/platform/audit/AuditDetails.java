package io.polyclinic.platform.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@code details} of an {@link AuditEntry}: unlike {@link Map#of}, it keeps the order and null values. */
public final class AuditDetails {

    private AuditDetails() {}

    /**
     * An unmodifiable map of the given pairs, in order.
     *
     * @param keysAndValues {@code key1, value1, key2, value2, ...}; keys are non-null strings, values may be null
     * @throws IllegalArgumentException for an odd count or a key that is not a string
     */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Audit details come in key-value pairs");
        }
        var details = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("Audit detail keys are strings");
            }
            details.put(key, keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(details);
    }
}
