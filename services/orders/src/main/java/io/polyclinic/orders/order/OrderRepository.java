package io.polyclinic.orders.order;

import io.polyclinic.contracts.orders.Delivery;
import io.polyclinic.contracts.orders.Item;
import io.polyclinic.contracts.orders.Order;
import io.polyclinic.contracts.orders.Payment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code orders}, {@code deliveries}, {@code payments} and {@code items}. A batch of orders is written with
 * one statement per table ({@code insert ... select from unnest(arrays)}), whatever its size: the statement count,
 * not the row count, is what costs on the way to PostgreSQL. Writes join the caller's transaction.
 */
@Repository
public class OrderRepository {

    private static final String ORDER_COLUMNS = """
            o.order_uid, o.track_number, o.entry, o.locale, o.internal_signature, o.customer_id, o.delivery_service,
            o.shardkey, o.sm_id, o.date_created, o.oof_shard,
            d.name, d.phone, d.zip, d.city, d.address, d.region, d.email,
            p.transaction, p.request_id, p.currency, p.provider, p.amount, p.payment_dt, p.bank, p.delivery_cost,
            p.goods_total, p.custom_fee""";

    private static final String ITEM_COLUMNS =
            "i.order_uid, i.chrt_id, i.track_number, i.price, i.rid, i.name, i.sale, i.size, i.total_price, i.nm_id,"
                    + " i.brand, i.status";

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the orders whose {@code order_uid} is not stored yet, with their deliveries, payments and items; the
     * others are left alone (another consumer may have stored one a moment ago). The uids must be distinct.
     *
     * @return the uids inserted
     */
    public Set<String> insertNew(List<OrderDocument> documents) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        var orders = documents.stream().map(OrderDocument::order).toList();
        List<String> inserted = jdbc.query(
                connection -> statement(
                        connection,
                        """
                        insert into orders (order_uid, track_number, entry, locale, internal_signature, customer_id,
                            delivery_service, shardkey, sm_id, date_created, oof_shard, content_sha256)
                        select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                            ?::varchar[], ?::varchar[], ?::varchar[], ?::integer[], ?::timestamptz[], ?::varchar[],
                            ?::char(64)[])
                        on conflict (order_uid) do nothing
                        returning order_uid""",
                        texts(orders, Order::orderUid),
                        texts(orders, Order::trackNumber),
                        texts(orders, Order::entry),
                        texts(orders, Order::locale),
                        texts(orders, Order::internalSignature),
                        texts(orders, Order::customerId),
                        texts(orders, Order::deliveryService),
                        texts(orders, Order::shardkey),
                        texts(orders, order -> Long.toString(order.smId())),
                        texts(orders, order -> order.dateCreated().toString()),
                        texts(orders, Order::oofShard),
                        texts(documents, OrderDocument::sha256)),
                (rs, row) -> rs.getString(1));
        var insertedUids = new HashSet<>(inserted);
        var fresh = orders.stream()
                .filter(order -> insertedUids.contains(order.orderUid()))
                .toList();
        if (!fresh.isEmpty()) {
            insertParts(fresh);
        }
        return insertedUids;
    }

    private void insertParts(List<Order> orders) {
        jdbc.update(connection -> statement(
                connection,
                """
                insert into deliveries (order_uid, name, phone, zip, city, address, region, email)
                select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::varchar[], ?::varchar[])""",
                texts(orders, Order::orderUid),
                texts(orders, order -> order.delivery().name()),
                texts(orders, order -> order.delivery().phone()),
                texts(orders, order -> order.delivery().zip()),
                texts(orders, order -> order.delivery().city()),
                texts(orders, order -> order.delivery().address()),
                texts(orders, order -> order.delivery().region()),
                texts(orders, order -> order.delivery().email())));
        jdbc.update(connection -> statement(
                connection,
                """
                insert into payments (order_uid, transaction, request_id, currency, provider, amount, payment_dt, bank,
                    delivery_cost, goods_total, custom_fee)
                select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::numeric[], ?::bigint[], ?::varchar[], ?::numeric[], ?::numeric[], ?::numeric[])""",
                texts(orders, Order::orderUid),
                texts(orders, order -> order.payment().transaction()),
                texts(orders, order -> order.payment().requestId()),
                texts(orders, order -> order.payment().currency()),
                texts(orders, order -> order.payment().provider()),
                texts(orders, order -> order.payment().amount().toPlainString()),
                texts(orders, order -> Long.toString(order.payment().paymentDt())),
                texts(orders, order -> order.payment().bank()),
                texts(orders, order -> order.payment().deliveryCost().toPlainString()),
                texts(orders, order -> order.payment().goodsTotal().toPlainString()),
                texts(orders, order -> order.payment().customFee().toPlainString())));
        var uids = new ArrayList<String>();
        var positions = new ArrayList<Integer>();
        var items = new ArrayList<Item>();
        for (var order : orders) {
            for (int position = 0; position < order.items().size(); position++) {
                uids.add(order.orderUid());
                positions.add(position);
                items.add(order.items().get(position));
            }
        }
        jdbc.update(connection -> statement(
                connection,
                """
                insert into items (order_uid, position, chrt_id, track_number, price, rid, name, sale, size, total_price,
                    nm_id, brand, status)
                select * from unnest(?::varchar[], ?::integer[], ?::bigint[], ?::varchar[], ?::numeric[], ?::varchar[],
                    ?::varchar[], ?::integer[], ?::varchar[], ?::numeric[], ?::bigint[], ?::varchar[], ?::integer[])""",
                uids.toArray(String[]::new),
                texts(positions, String::valueOf),
                texts(items, item -> Long.toString(item.chrtId())),
                texts(items, Item::trackNumber),
                texts(items, item -> item.price().toPlainString()),
                texts(items, Item::rid),
                texts(items, Item::name),
                texts(items, item -> Integer.toString(item.sale())),
                texts(items, Item::size),
                texts(items, item -> item.totalPrice().toPlainString()),
                texts(items, item -> Long.toString(item.nmId())),
                texts(items, Item::brand),
                texts(items, item -> Integer.toString(item.status()))));
    }

    /** The content hashes of those of {@code uids} that are stored, by uid. */
    public Map<String, String> contentHashes(Collection<String> uids) {
        var hashes = new HashMap<String, String>();
        if (uids.isEmpty()) {
            return hashes;
        }
        jdbc.query(
                connection -> statement(
                        connection,
                        "select order_uid, content_sha256 from orders where order_uid = any(?::varchar[])",
                        uids.toArray(String[]::new)),
                (ResultSet rs) -> {
                    hashes.put(rs.getString(1), rs.getString(2));
                });
        return hashes;
    }

    /** The order with this uid, with its delivery, payment and items. */
    public Optional<Order> find(String orderUid) {
        var items = items("where i.order_uid = ?", orderUid);
        var orders = jdbc.query(
                "select " + ORDER_COLUMNS + " from orders o join deliveries d using (order_uid)"
                        + " join payments p using (order_uid) where o.order_uid = ?",
                (rs, row) -> order(rs, items),
                orderUid);
        return orders.stream().findFirst();
    }

    /**
     * Hands the newest {@code limit} orders (by arrival) to {@code sink}, newest first.
     *
     * @return how many there were
     */
    public int newest(long limit, Consumer<Order> sink) {
        var newest = "(select order_uid from orders order by seq desc limit " + Math.max(0, limit) + ")";
        var items = items("join " + newest + " n using (order_uid)");
        int[] count = {0};
        jdbc.query(
                "select " + ORDER_COLUMNS + " from orders o join deliveries d using (order_uid)"
                        + " join payments p using (order_uid) order by o.seq desc limit ?",
                (ResultSet rs) -> {
                    sink.accept(order(rs, items));
                    count[0]++;
                },
                limit);
        return count[0];
    }

    /** One page of a customer's order uids, newest {@code date_created} first; all customers when null. */
    public List<String> uidsOfCustomer(String customerId, int limit, long offset) {
        if (customerId == null) {
            return jdbc.queryForList(
                    "select order_uid from orders order by date_created desc, order_uid limit ? offset ?",
                    String.class,
                    limit,
                    offset);
        }
        return jdbc.queryForList(
                "select order_uid from orders where customer_id = ? order by date_created desc, order_uid"
                        + " limit ? offset ?",
                String.class,
                customerId,
                limit,
                offset);
    }

    /** How many orders the customer has; all orders when null. */
    public long countOfCustomer(String customerId) {
        Long count = customerId == null
                ? jdbc.queryForObject("select count(*) from orders", Long.class)
                : jdbc.queryForObject("select count(*) from orders where customer_id = ?", Long.class, customerId);
        return count == null ? 0 : count;
    }

    private Map<String, List<Item>> items(String condition, Object... args) {
        var items = new HashMap<String, List<Item>>();
        jdbc.query(
                "select " + ITEM_COLUMNS + " from items i " + condition + " order by i.order_uid, i.position",
                (ResultSet rs) -> {
                    items.computeIfAbsent(rs.getString("order_uid"), uid -> new ArrayList<>())
                            .add(new Item(
                                    rs.getLong("chrt_id"),
                                    rs.getString("track_number"),
                                    rs.getBigDecimal("price"),
                                    rs.getString("rid"),
                                    rs.getString("name"),
                                    rs.getInt("sale"),
                                    rs.getString("size"),
                                    rs.getBigDecimal("total_price"),
                                    rs.getLong("nm_id"),
                                    rs.getString("brand"),
                                    rs.getInt("status")));
                },
                args);
        return items;
    }

    private static Order order(ResultSet rs, Map<String, List<Item>> items) throws SQLException {
        var uid = rs.getString("order_uid");
        var delivery = new Delivery(
                rs.getString("name"),
                rs.getString("phone"),
                rs.getString("zip"),
                rs.getString("city"),
                rs.getString("address"),
                rs.getString("region"),
                rs.getString("email"));
        var payment = new Payment(
                rs.getString("transaction"),
                rs.getString("request_id"),
                rs.getString("currency"),
                rs.getString("provider"),
                rs.getBigDecimal("amount"),
                rs.getLong("payment_dt"),
                rs.getString("bank"),
                rs.getBigDecimal("delivery_cost"),
                rs.getBigDecimal("goods_total"),
                rs.getBigDecimal("custom_fee"));
        return new Order(
                uid,
                rs.getString("track_number"),
                rs.getString("entry"),
                delivery,
                payment,
                items.getOrDefault(uid, List.of()),
                rs.getString("locale"),
                rs.getString("internal_signature"),
                rs.getString("customer_id"),
                rs.getString("delivery_service"),
                rs.getString("shardkey"),
                rs.getLong("sm_id"),
                rs.getObject("date_created", OffsetDateTime.class).toInstant(),
                rs.getString("oof_shard"));
    }

    /** A statement whose parameters are all text arrays, cast to their column types in the SQL. */
    private static PreparedStatement statement(Connection connection, String sql, String[]... arrays)
            throws SQLException {
        var statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, connection.createArrayOf("varchar", arrays[i]));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static <T> String[] texts(Collection<T> values, Function<T, String> column) {
        return values.stream().map(column).toArray(String[]::new);
    }
}
