package io.polyclinic.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.orders.OrdersApplication;
import io.polyclinic.orders.OrdersTest;
import io.polyclinic.testkit.jwt.TestJwtIssuer;
import java.util.ArrayList;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;

/** A restarted service has the stored orders in memory before it reports ready. */
class CacheRestoreTest extends OrdersTest {

    @Autowired
    Environment environment;

    @Autowired
    OrderRepository repository;

    @Autowired
    OrderJson json;

    @Test
    void aServiceStartedOnStoredOrdersHoldsThemInItsCacheWhenReady() {
        var uids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var order = freshOrder();
            uids.add(uid(order));
            publish(null, uid(order), bytes(order));
        }
        Awaitility.await().atMost(WAIT).until(() -> uids.stream().allMatch(uid -> stored(uid) == 1));

        // A second instance of the service on the same database, its consumer off: only the restore can fill it.
        // Arguments, not default properties: the service's own orders.properties would win over those.
        try (var restarted = new SpringApplicationBuilder(OrdersApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "--spring.datasource.password=",
                        "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                        "--spring.kafka.listener.auto-startup=false",
                        "--polyclinic.security.jwk-set-uri="
                                + TestJwtIssuer.shared().jwkSetUri(),
                        "--polyclinic.security.issuer=" + TestJwtIssuer.ISSUER,
                        "--polyclinic.security.audience=" + TestJwtIssuer.AUDIENCE)) {
            var cache = restarted.getBean(OrderCache.class);
            for (var uid : uids) {
                assertThat(cache.get(uid)).as(uid).isNotNull();
            }
            var registry = restarted.getBean(MeterRegistry.class);
            double missesBefore = misses(registry);
            restarted.getBean(OrderQueryService.class).json(uids.getFirst());
            assertThat(misses(registry)).isEqualTo(missesBefore);
        }
    }

    @Test
    void theRestoreKeepsTheNewestOrdersWhenTheCacheHoldsFewerThanAreStored() {
        var uids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var order = freshOrder();
            uids.add(uid(order));
            publish(0, uid(order), bytes(order));
            Awaitility.await().atMost(WAIT).until(() -> stored(uid(order)) == 1);
        }

        var small = new OrderCache(2, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        new OrderCacheLoader(repository, small, json).restore();

        assertThat(small.get(uids.get(2))).isNotNull();
        assertThat(small.get(uids.get(1))).isNotNull();
        assertThat(small.get(uids.get(0))).isNull();
        assertThat(small.get("never" + UUID.randomUUID().toString().replace("-", "")))
                .isNull();
    }

    private static double misses(MeterRegistry registry) {
        var counter = registry.find("cache.gets")
                .tag("cache", "orders")
                .tag("result", "miss")
                .functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
