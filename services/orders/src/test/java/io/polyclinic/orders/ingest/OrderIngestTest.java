package io.polyclinic.orders.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.orders.DeadLetters;
import io.polyclinic.orders.OrdersTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Orders from topic {@code orders} into PostgreSQL: valid ones stored once, bad ones dead-lettered with a reason. */
class OrderIngestTest extends OrdersTest {

    @Test
    void theReferenceSampleIsStoredWithItsDeliveryPaymentAndItems() {
        var order = freshOrder();
        publish(null, uid(order), bytes(order));

        Awaitility.await().atMost(WAIT).until(() -> stored(uid(order)) == 1);
        assertThat(count("deliveries", uid(order))).isEqualTo(1);
        assertThat(count("payments", uid(order))).isEqualTo(1);
        assertThat(count("items", uid(order))).isEqualTo(1);
        var amount = jdbc.sql("select amount from payments where order_uid = ?")
                .param(uid(order))
                .query(java.math.BigDecimal.class)
                .single();
        assertThat(amount).isEqualByComparingTo("1817");
        var created = jdbc.sql("select date_created from orders where order_uid = ?")
                .param(uid(order))
                .query(java.time.OffsetDateTime.class)
                .single();
        assertThat(created.toInstant()).isEqualTo(Instant.parse("2021-11-26T06:22:19Z"));
    }

    @Test
    void eachBadInputIsDeadLetteredWithItsReasonAndTheGoodOrderBehindItIsStored() {
        Map<String, Function<ObjectNode, byte[]>> bad = new LinkedHashMap<>();
        bad.put("malformed-json", order -> Arrays.copyOf(bytes(order), bytes(order).length / 2));
        bad.put("malformed-json:trailing", order -> (new String(bytes(order), StandardCharsets.UTF_8) + " {}")
                .getBytes(StandardCharsets.UTF_8));
        bad.put("schema:wrong-type", order -> bytes(order.put("sm_id", "99")));
        bad.put("schema:no-delivery", order -> without(order, "delivery"));
        bad.put("schema:no-payment", order -> without(order, "payment"));
        bad.put("schema:no-items", order -> without(order, "items"));
        bad.put("schema:empty-items", order -> {
            order.putArray("items");
            return bytes(order);
        });
        bad.put("schema:negative-amount", order -> {
            ((ObjectNode) order.get("payment")).put("amount", -1817);
            return bytes(order);
        });
        bad.put("too-large", order -> bytes(order.put("internal_signature", "x".repeat(10 * 1024 * 1024))));
        bad.put("not-utf8", order -> notUtf8(bytes(order)));
        bad.put("rule:transaction", order -> {
            ((ObjectNode) order.get("payment")).put("transaction", "someone-else");
            return bytes(order);
        });
        bad.put("rule:total", order -> {
            ((ObjectNode) order.get("items").get(0)).put("total_price", 400);
            return bytes(order);
        });
        bad.put(
                "rule:future",
                order -> bytes(order.put(
                        "date_created", Instant.now().plusSeconds(3600).toString())));

        var badKeys = new ArrayList<String>();
        var goodUids = new ArrayList<String>();
        for (var entry : bad.entrySet()) {
            var spoiled = freshOrder();
            var key = "bad-" + uid(spoiled);
            badKeys.add(key);
            // One partition, so every good order sits right behind a bad one.
            publish(0, key, entry.getValue().apply(spoiled));
            var good = freshOrder();
            goodUids.add(uid(good));
            publish(0, uid(good), bytes(good));
        }

        Awaitility.await().atMost(WAIT).until(() -> goodUids.stream().allMatch(uid -> stored(uid) == 1));
        var deadLetters = DeadLetters.await(badKeys, WAIT);
        int i = 0;
        for (var expected : bad.keySet()) {
            var record = deadLetters.get(badKeys.get(i++));
            var reason = expected.contains(":") ? expected.substring(0, expected.indexOf(':')) : expected;
            assertThat(DeadLetters.header(record, "orders-dlt-reason"))
                    .as(expected)
                    .isEqualTo(reason);
            assertThat(DeadLetters.header(record, "kafka_dlt-exception-message"))
                    .as(expected)
                    .isNotBlank();
            assertThat(DeadLetters.header(record, "kafka_dlt-original-topic")).isEqualTo("orders");
        }
        var tooLarge = deadLetters.get(badKeys.get(8));
        assertThat(tooLarge.value().length).isLessThanOrEqualTo(262_144);
        assertThat(Integer.parseInt(DeadLetters.header(tooLarge, "orders-dlt-original-size")))
                .isGreaterThan(10 * 1024 * 1024);
        assertThat(stored(badKeys.get(0).substring(4))).isZero();
    }

    @Test
    void anUnknownExtraFieldIsAcceptedAndIgnored() {
        var order = freshOrder();
        order.put("gift_wrap", true);
        ((ObjectNode) order.get("delivery")).put("floor", 3);
        publish(null, uid(order), bytes(order));

        Awaitility.await().atMost(WAIT).until(() -> stored(uid(order)) == 1);
    }

    @Test
    void aValidOrderWithoutAKeyIsStored() {
        var order = freshOrder();
        publish(null, null, bytes(order));

        Awaitility.await().atMost(WAIT).until(() -> stored(uid(order)) == 1);
    }

    @Test
    void theSameOrderTwiceIsStoredOnceAndADifferentOneUnderItsIdIsDeadLettered() {
        var order = freshOrder();
        publish(null, uid(order), bytes(order));
        publish(null, uid(order), bytes(order));
        // Same content, other formatting and an ignored extra field: still the same order.
        var reformatted = (ObjectNode) JSON.readTree(bytes(order));
        reformatted.put("note", "resent");
        publish(null, uid(order), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(reformatted));
        var changed = (ObjectNode) JSON.readTree(bytes(order));
        ((ObjectNode) changed.get("delivery")).put("city", "Haifa");
        publish(null, uid(order), bytes(changed));

        var deadLetters = DeadLetters.await(List.of(uid(order)), WAIT);
        assertThat(DeadLetters.header(deadLetters.get(uid(order)), "orders-dlt-reason"))
                .isEqualTo("conflicting-duplicate");
        assertThat(stored(uid(order))).isEqualTo(1);
        assertThat(DeadLetters.withKeys(List.of(uid(order)))).hasSize(1);
        var city = jdbc.sql("select city from deliveries where order_uid = ?")
                .param(uid(order))
                .query(String.class)
                .single();
        assertThat(city).isEqualTo("Kiryat Mozkin");
    }

    private long count(String table, String orderUid) {
        return jdbc.sql("select count(*) from " + table + " where order_uid = ?")
                .param(orderUid)
                .query(Long.class)
                .single();
    }

    private static byte[] without(ObjectNode order, String field) {
        order.remove(field);
        return bytes(order);
    }

    private static byte[] notUtf8(byte[] json) {
        var text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf("Test Testov");
        var head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        var tail = text.substring(at).getBytes(StandardCharsets.UTF_8);
        var spoiled = Arrays.copyOf(head, head.length + 2 + tail.length);
        spoiled[head.length] = (byte) 0xC3;
        spoiled[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, spoiled, head.length + 2, tail.length);
        return spoiled;
    }
}
