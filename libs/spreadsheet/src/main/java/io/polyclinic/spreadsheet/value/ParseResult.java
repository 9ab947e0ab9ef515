package io.polyclinic.spreadsheet.value;

/**
 * The outcome of parsing one cell: a value, a blank cell, or a problem with a reason a user can read. Parsing never
 * throws.
 *
 * @param <T> the parsed type
 */
public sealed interface ParseResult<T> permits ParseResult.Value, ParseResult.Blank, ParseResult.Problem {

    /**
     * A parsed value.
     *
     * @param value never null
     * @param <T> the parsed type
     */
    record Value<T>(T value) implements ParseResult<T> {}

    /**
     * The cell was blank (whether that is allowed is the dataset's call).
     *
     * @param <T> the parsed type
     */
    record Blank<T>() implements ParseResult<T> {}

    /**
     * The cell could not be parsed.
     *
     * @param reason why, in English, e.g. {@code "not a number: 12,3,4"}
     * @param <T> the parsed type
     */
    record Problem<T>(String reason) implements ParseResult<T> {}

    /** A value. */
    static <T> ParseResult<T> of(T value) {
        return new Value<>(value);
    }

    /** A blank. */
    static <T> ParseResult<T> blank() {
        return new Blank<>();
    }

    /** A problem. */
    static <T> ParseResult<T> problem(String reason) {
        return new Problem<>(reason);
    }

    /** The value, or null for a blank or a problem. */
    default T orNull() {
        return this instanceof Value<T> v ? v.value() : null;
    }
}
