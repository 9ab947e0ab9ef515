package io.polyclinic.orderproducer;

import io.polyclinic.contracts.orders.Delivery;
import io.polyclinic.contracts.orders.Item;
import io.polyclinic.contracts.orders.Order;
import io.polyclinic.contracts.orders.Payment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Realistic valid WB L0 orders (Datafaker names, phones, addresses and goods), reproducible from a seed. Each keeps
 * the order's rules: {@code payment.transaction} is the {@code order_uid}; an item's {@code total_price} is its price
 * less the sale percent rounded half up to a whole unit; {@code goods_total} sums the items and {@code amount} adds
 * delivery and customs; the dates lie in the 90 days before {@code now}. Customers come from a pool of 200, so a
 * customer has several orders. Not thread-safe.
 */
public final class OrderGenerator {

    private static final String[] CURRENCIES = {"USD", "EUR", "RUB"};
    private static final String[] BANKS = {"alpha", "sber", "tinkoff", "vtb"};
    private static final String[] DELIVERY_SERVICES = {"meest", "cdek", "boxberry", "wb"};
    private static final String[] SIZES = {"0", "XS", "S", "M", "L", "XL"};
    private static final int[] SALES = {0, 0, 10, 15, 20, 25, 30, 50};
    private static final int[] DELIVERY_COSTS = {0, 300, 500, 1500};

    private final Random random;
    private final Faker faker;
    private final Instant now;
    private final List<String> customers = new ArrayList<>();

    /**
     * @param seed the same seed gives the same orders
     * @param now the latest {@code date_created}; orders are placed in the 90 days before it
     */
    public OrderGenerator(long seed, Instant now) {
        this.random = new Random(seed);
        this.faker = new Faker(Locale.ENGLISH, random);
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 200; i++) {
            customers.add(cut(faker.internet().username().replaceAll("[^A-Za-z0-9_.-]", ""), 40) + i);
        }
    }

    /** The next order, with a fresh {@code order_uid} (32 hex digits). */
    public Order next() {
        var uid = hex(16);
        var track = "WBIL" + faker.regexify("[A-Z]{10}");
        var created = now.minus(Duration.ofSeconds(random.nextLong(90L * 24 * 3600)));
        var items = new ArrayList<Item>();
        int count = 1 + random.nextInt(4);
        var goods = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            var price = BigDecimal.valueOf(50 + random.nextInt(4950));
            int sale = SALES[random.nextInt(SALES.length)];
            var total = price.multiply(BigDecimal.valueOf(100 - sale))
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP);
            goods = goods.add(total);
            items.add(new Item(
                    1_000_000L + random.nextInt(9_000_000),
                    track,
                    price,
                    hex(10) + "test",
                    cut(faker.commerce().productName(), 200),
                    sale,
                    SIZES[random.nextInt(SIZES.length)],
                    total,
                    1_000_000L + random.nextInt(9_000_000),
                    cut(faker.commerce().brand(), 200),
                    202));
        }
        var deliveryCost = BigDecimal.valueOf(DELIVERY_COSTS[random.nextInt(DELIVERY_COSTS.length)]);
        var customFee = random.nextInt(10) == 0 ? BigDecimal.valueOf(random.nextInt(300)) : BigDecimal.ZERO;
        var payment = new Payment(
                uid,
                random.nextBoolean() ? "" : hex(8),
                CURRENCIES[random.nextInt(CURRENCIES.length)],
                "wbpay",
                goods.add(deliveryCost).add(customFee),
                created.getEpochSecond(),
                BANKS[random.nextInt(BANKS.length)],
                deliveryCost,
                goods,
                customFee);
        var address = faker.address();
        var delivery = new Delivery(
                cut(faker.name().fullName(), 200),
                "+" + faker.number().digits(11),
                cut(address.zipCode(), 16),
                cut(address.city(), 100),
                cut(address.streetAddress(), 300),
                cut(address.state(), 100),
                cut(faker.internet().emailAddress(), 254));
        return new Order(
                uid,
                track,
                "WBIL",
                delivery,
                payment,
                items,
                random.nextBoolean() ? "en" : "ru",
                "",
                customers.get(random.nextInt(customers.size())),
                DELIVERY_SERVICES[random.nextInt(DELIVERY_SERVICES.length)],
                Integer.toString(random.nextInt(10)),
                99,
                created,
                Integer.toString(1 + random.nextInt(9)));
    }

    private String hex(int bytes) {
        var buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
