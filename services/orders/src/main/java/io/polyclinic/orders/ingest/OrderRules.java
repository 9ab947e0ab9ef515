package io.polyclinic.orders.ingest;

import io.polyclinic.contracts.orders.Order;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of an order beyond its JSON Schema, all of which the reference sample keeps:
 *
 * <ul>
 *   <li>{@code payment.transaction} equals {@code order_uid};
 *   <li>each item's {@code total_price} is its {@code price} less {@code sale} percent, rounded to a whole unit
 *       (either way: 453 less 30 % is 317.1, so 317 or 318);
 *   <li>{@code date_created} and {@code payment_dt} are not in the future (beyond a configured clock skew);
 *   <li>every amount has at most 2 decimals.
 * </ul>
 *
 * Messages name fields and rules, never a personal value.
 */
public final class OrderRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Clock clock;
    private final Duration clockSkew;

    /**
     * @param clock the current time
     * @param clockSkew how far in the future a date may be
     */
    public OrderRules(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** The rules {@code order} breaks; empty when it keeps them all. */
    public List<String> violations(Order order) {
        var violations = new ArrayList<String>();
        var payment = order.payment();
        if (!payment.transaction().equals(order.orderUid())) {
            violations.add("payment.transaction must equal order_uid");
        }
        var latest = clock.instant().plus(clockSkew);
        if (order.dateCreated().isAfter(latest)) {
            violations.add("date_created is in the future");
        }
        if (Instant.ofEpochSecond(payment.paymentDt()).isAfter(latest)) {
            violations.add("payment.payment_dt is in the future");
        }
        money("payment.amount", payment.amount(), violations);
        money("payment.delivery_cost", payment.deliveryCost(), violations);
        money("payment.goods_total", payment.goodsTotal(), violations);
        money("payment.custom_fee", payment.customFee(), violations);
        for (int i = 0; i < order.items().size(); i++) {
            var item = order.items().get(i);
            money("items[" + i + "].price", item.price(), violations);
            money("items[" + i + "].total_price", item.totalPrice(), violations);
            var exact = item.price()
                    .multiply(HUNDRED.subtract(BigDecimal.valueOf(item.sale())))
                    .divide(HUNDRED);
            var difference = item.totalPrice().subtract(exact).abs();
            if (difference.compareTo(BigDecimal.ONE) >= 0
                    || item.totalPrice().stripTrailingZeros().scale() > 0 && difference.signum() != 0) {
                violations.add("items[" + i + "].total_price must be price less sale percent, rounded to a whole unit");
            }
        }
        return violations;
    }

    private static void money(String field, BigDecimal amount, List<String> violations) {
        if (amount.scale() > 2) {
            violations.add(field + " has more than 2 decimals");
        }
    }
}
