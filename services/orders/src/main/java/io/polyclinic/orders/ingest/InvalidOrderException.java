package io.polyclinic.orders.ingest;

/**
 * A record on topic {@code orders} that is not a valid order; it goes to the dead-letter topic with {@link #reason()}
 * in header {@code orders-dlt-reason} and the message in {@code kafka_dlt-exception-message}. The message never
 * holds a personal value from the order (names, phones, addresses), only field paths and rules.
 */
public class InvalidOrderException extends RuntimeException {

    private final Reason reason;

    /**
     * @param reason the kind of fault
     * @param message what is wrong, for an operator reading the dead letter
     */
    public InvalidOrderException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The kind of fault. */
    public Reason reason() {
        return reason;
    }

    /** Why a record was dead-lettered; {@link #code()} is the value of header {@code orders-dlt-reason}. */
    public enum Reason {
        /** Larger than {@code polyclinic.orders.ingest.max-order-bytes}. */
        TOO_LARGE("too-large"),
        /** A record without a value (null or no bytes). */
        EMPTY("empty"),
        /** Bytes that are not UTF-8 text. */
        NOT_UTF8("not-utf8"),
        /** Not one well-formed JSON document (truncated, garbage). */
        MALFORMED_JSON("malformed-json"),
        /** Well-formed JSON that breaks the order's JSON Schema: a missing part, a wrong type, a negative amount. */
        SCHEMA("schema"),
        /** Valid by the schema, but breaks a rule of the order (totals, transaction id, dates in the future). */
        RULE("rule"),
        /** An {@code order_uid} stored before with different content. */
        CONFLICTING_DUPLICATE("conflicting-duplicate"),
        /** Refused by the database (a constraint the checks above did not foresee). */
        REJECTED_BY_DATABASE("rejected-by-database");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The reason's kebab-case code. */
        public String code() {
            return code;
        }
    }
}
