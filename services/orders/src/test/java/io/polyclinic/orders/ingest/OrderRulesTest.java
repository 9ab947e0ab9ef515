package io.polyclinic.orders.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.contracts.orders.Item;
import io.polyclinic.contracts.orders.Order;
import io.polyclinic.orders.order.OrderJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final OrderRules rules = new OrderRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1));
    private final OrderJson json = new OrderJson();

    @Test
    void theReferenceSampleKeepsEveryRule() throws IOException {
        assertThat(rules.violations(sample())).isEmpty();
    }

    @Test
    void anItemTotalMayBeRoundedEitherWayToAWholeUnitButNoFurther() throws IOException {
        assertThat(rules.violations(withItem(sample(), "453", 30, "318"))).isEmpty();
        assertThat(rules.violations(withItem(sample(), "453", 30, "319"))).hasSize(1);
        assertThat(rules.violations(withItem(sample(), "453", 30, "317.5"))).hasSize(1);
        assertThat(rules.violations(withItem(sample(), "100.50", 0, "100.5"))).isEmpty();
    }

    @Test
    void datesInTheFutureBeyondTheClockSkewBreakTheRules() throws IOException {
        var sample = sample();
        var soon = copy(sample, NOW.plusSeconds(30));
        var later = copy(sample, NOW.plusSeconds(120));

        assertThat(rules.violations(soon)).isEmpty();
        assertThat(rules.violations(later)).containsExactly("date_created is in the future");
    }

    @Test
    void amountsWithMoreThanTwoDecimalsBreakTheRules() throws IOException {
        assertThat(rules.violations(withItem(sample(), "453.001", 0, "453.001")))
                .contains("items[0].price has more than 2 decimals");
    }

    private Order sample() throws IOException {
        try (var in = Order.class.getClassLoader().getResourceAsStream(Order.SAMPLE_RESOURCE)) {
            return json.order(json.tree(in.readAllBytes()));
        }
    }

    private static Order withItem(Order order, String price, int sale, String total) {
        var item = order.items().getFirst();
        var changed = new Item(
                item.chrtId(),
                item.trackNumber(),
                new BigDecimal(price),
                item.rid(),
                item.name(),
                sale,
                item.size(),
                new BigDecimal(total),
                item.nmId(),
                item.brand(),
                item.status());
        return new Order(
                order.orderUid(),
                order.trackNumber(),
                order.entry(),
                order.delivery(),
                order.payment(),
                List.of(changed),
                order.locale(),
                order.internalSignature(),
                order.customerId(),
                order.deliveryService(),
                order.shardkey(),
                order.smId(),
                order.dateCreated(),
                order.oofShard());
    }

    private static Order copy(Order order, Instant created) {
        return new Order(
                order.orderUid(),
                order.trackNumber(),
                order.entry(),
                order.delivery(),
                order.payment(),
                order.items(),
                order.locale(),
                order.internalSignature(),
                order.customerId(),
                order.deliveryService(),
                order.shardkey(),
                order.smId(),
                created,
                order.oofShard());
    }
}
