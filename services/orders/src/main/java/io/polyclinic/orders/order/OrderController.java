package io.polyclinic.orders.order;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/orders}: orders by id and by customer, for administrators only (orders hold names, phones and
 * addresses; decision 0037). Orders are answered in the WB L0 format, snake_case field names, not the platform's
 * camelCase; the page envelope around a list stays camelCase.
 */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "orders", description = "WB L0 orders (administrators)")
public class OrderController {

    private final OrderQueryService orders;

    public OrderController(OrderQueryService orders) {
        this.orders = orders;
    }

    @GetMapping(value = "/{orderUid}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "One order with its delivery, payment and items",
            description = "200 with the order, 404 problem when unknown, 400 problem for an id that cannot be one.")
    public ResponseEntity<byte[]> order(@PathVariable String orderUid) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(orders.json(orderUid));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A customer's orders (all orders without customerId), newest first, paged")
    public PageResponse<JsonNode> list(
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return orders.page(customerId, PageQuery.of(page, size));
    }
}
