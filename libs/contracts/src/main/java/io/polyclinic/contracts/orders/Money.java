package io.polyclinic.contracts.orders;

import java.math.BigDecimal;

/**
 * The one form of an amount of money in an order: exact ({@link BigDecimal}, never a double), without trailing zeros
 * and never in exponent form ({@code 1817}, {@code 1817.5}, {@code 1800}), so that equal amounts serialize to equal
 * JSON whether they arrived as {@code 1800}, {@code 1800.00} or came back from a {@code numeric} column.
 */
public final class Money {

    private Money() {}

    /** The canonical form of {@code amount}; {@code null} stays {@code null}. */
    public static BigDecimal canonical(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        var stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
