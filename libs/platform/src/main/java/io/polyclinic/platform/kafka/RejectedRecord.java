package io.polyclinic.platform.kafka;

import java.util.Objects;

/**
 * A record of a consumed batch that its consumer will not store: it goes to the dead-letter topic, with
 * {@link #reason()} in the consumer's reason header and {@link #detail()} in {@code kafka_dlt-exception-message}.
 *
 * @param index the record's position in its batch (0-based, in offset order)
 * @param reason a short kebab-case code, e.g. {@code malformed-json}, {@code schema}; also a metric tag value
 * @param detail what is wrong, for an operator reading the dead letter: field paths and rules, never the record's
 *     personal values
 * @throws IllegalArgumentException for a negative index
 * @throws NullPointerException for a missing reason or detail
 */
public record RejectedRecord(int index, String reason, String detail) {

    public RejectedRecord {
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " < 0");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
