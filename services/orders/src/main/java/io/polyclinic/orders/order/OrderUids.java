package io.polyclinic.orders.order;

import java.util.regex.Pattern;

/** What an {@code order_uid} may be: 1 to 64 of {@code A-Z a-z 0-9 _ -} (as in the order's JSON Schema). */
public final class OrderUids {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private OrderUids() {}

    /** Whether {@code candidate} can be an order's id at all. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }
}
