package io.polyclinic.orders.order;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.problem.NotFoundException;
import java.util.ArrayList;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Reads orders: from the cache, or on a miss from the database (and then into the cache). An order is answered as
 * its canonical JSON, the same bytes whether it came from memory or from the tables.
 */
@Service
public class OrderQueryService {

    private final OrderCache cache;
    private final OrderRepository orders;
    private final OrderJson json;

    public OrderQueryService(OrderCache cache, OrderRepository orders, OrderJson json) {
        this.cache = cache;
        this.orders = orders;
        this.json = json;
    }

    /**
     * The order's JSON (UTF-8, WB L0 field names).
     *
     * @throws InvalidRequestException when {@code orderUid} cannot be an order's id (400)
     * @throws NotFoundException when no such order is stored (404)
     */
    public byte[] json(String orderUid) {
        if (!OrderUids.isWellFormed(orderUid)) {
            throw new InvalidRequestException("orderUid", "An order id is 1 to 64 letters, digits, '_' or '-'.");
        }
        var cached = cache.get(orderUid);
        if (cached != null) {
            return cached;
        }
        var stored = orders.find(orderUid).orElseThrow(() -> new NotFoundException("order", orderUid));
        var document = json.document(stored);
        cache.put(orderUid, document.json());
        return document.json();
    }

    /**
     * One page of a customer's orders (or of all orders when {@code customerId} is null), newest
     * {@code date_created} first.
     *
     * @throws InvalidRequestException when {@code customerId} is blank or longer than 64 characters
     */
    public PageResponse<JsonNode> page(String customerId, PageQuery page) {
        if (customerId != null && (customerId.isBlank() || customerId.length() > 64)) {
            throw new InvalidRequestException("customerId", "customerId is 1 to 64 characters.");
        }
        var uids = orders.uidsOfCustomer(customerId, page.size(), page.offset());
        var items = new ArrayList<JsonNode>(uids.size());
        for (var uid : uids) {
            items.add(json.stored(json(uid)));
        }
        return PageResponse.of(items, page, orders.countOfCustomer(customerId));
    }
}
