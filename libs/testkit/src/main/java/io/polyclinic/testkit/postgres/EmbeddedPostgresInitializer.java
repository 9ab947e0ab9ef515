package io.polyclinic.testkit.postgres;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a fresh database on the JVM's shared embedded PostgreSQL, so every test context
 * starts from its own migrated schema. Use with
 * {@code @ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)}.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var server = EmbeddedPostgresServer.shared();
        var url = server.createDatabaseIfMissing("test_" + COUNTER.incrementAndGet());
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "embeddedPostgres",
                        Map.of(
                                "spring.datasource.url",
                                url,
                                "spring.datasource.username",
                                server.username(),
                                "spring.datasource.password",
                                "")));
    }
}
