package io.polyclinic.orders.reference;

import io.polyclinic.orders.config.OrdersProperties;
import io.polyclinic.orders.order.OrderQueryService;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /bench/orders/reference}: the benchmark's yardstick for the order endpoint (bench/orders.sh). It answers
 * the JSON of one stored order, fixed bytes kept in a field after the first request, through the same server,
 * filters and security as {@code GET /api/v1/orders/{orderUid}}; the difference between the two is the order
 * endpoint's own work (id check, cache lookup). Off unless {@code polyclinic.orders.reference-endpoint.enabled}.
 */
@RestController
@Hidden
@ConditionalOnBooleanProperty("polyclinic.orders.reference-endpoint.enabled")
public class ReferenceController {

    private final OrderQueryService orders;
    private final String orderUid;
    private volatile byte[] stored;

    public ReferenceController(OrderQueryService orders, OrdersProperties properties) {
        this.orders = orders;
        this.orderUid = properties.referenceEndpoint().orderUid();
    }

    @GetMapping(value = "/bench/orders/reference", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> reference() {
        var json = stored;
        if (json == null) {
            json = orders.json(orderUid);
            stored = json;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
