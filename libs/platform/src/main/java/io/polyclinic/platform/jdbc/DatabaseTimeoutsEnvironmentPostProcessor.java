package io.polyclinic.platform.jdbc;

import java.time.Duration;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Bounds how long a PostgreSQL session may run one statement or sit idle inside a transaction, on every pooled
 * connection of every service: it adds {@code -c statement_timeout=<ms>} and
 * {@code -c idle_in_transaction_session_timeout=<ms>} to the pgjdbc {@code options} connection property
 * ({@code spring.datasource.hikari.data-source-properties.options}), from {@code polyclinic.datasource.statement-timeout}
 * (default {@code 30s}) and {@code polyclinic.datasource.idle-in-transaction-session-timeout} (default {@code 60s});
 * {@code 0} switches a limit off.
 *
 * <p>It merges rather than replaces: whatever a service already passes in {@code options} (booking's planner
 * settings) is kept, and a service that sets either parameter there itself keeps its own value. The merge happens
 * when the property is read, not when this post-processor runs, because a service's {@code @PropertySource} file is
 * added to the environment only later. The other bounded waits (pool checkout, connect, socket read, keep-alive) are
 * plain properties in the platform defaults.
 */
public class DatabaseTimeoutsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** The pgjdbc startup options of the pool's connections. */
    static final String OPTIONS = "spring.datasource.hikari.data-source-properties.options";

    static final String STATEMENT_TIMEOUT = "polyclinic.datasource.statement-timeout";
    static final String IDLE_IN_TRANSACTION_TIMEOUT = "polyclinic.datasource.idle-in-transaction-session-timeout";

    private static final String DEFAULT_STATEMENT_TIMEOUT = "30s";
    private static final String DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT = "60s";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MergedOptions(environment));
    }

    /** The {@code options} property, merged from the other sources and the two limits each time it is read. */
    private static final class MergedOptions extends EnumerablePropertySource<Object> {

        private static final String[] NAMES = {OPTIONS};

        /**
         * Kept in a field, not as the property source's source: Spring Boot treats a source that is an environment as
         * a nested one and would iterate it, this source included, for ever.
         */
        private final ConfigurableEnvironment environment;

        MergedOptions(ConfigurableEnvironment environment) {
            super("polyclinicDatabaseTimeouts", new Object());
            this.environment = environment;
        }

        @Override
        public String[] getPropertyNames() {
            return NAMES;
        }

        @Override
        public Object getProperty(String name) {
            if (!OPTIONS.equals(name)) {
                return null;
            }
            String options = "";
            for (PropertySource<?> source : environment.getPropertySources()) {
                // Skip this source, and Spring Boot's view over all sources, which would lead back here.
                if (source == this || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                    continue;
                }
                var value = source.getProperty(OPTIONS);
                if (value != null) {
                    options = value.toString().strip();
                    break;
                }
            }
            var merged = merge(
                    options,
                    "statement_timeout",
                    millis(environment.getProperty(STATEMENT_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT)));
            return merge(
                    merged,
                    "idle_in_transaction_session_timeout",
                    millis(environment.getProperty(IDLE_IN_TRANSACTION_TIMEOUT, DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT)));
        }
    }

    /** Appends {@code -c name=value} unless the options already set that parameter. */
    static String merge(String options, String parameter, long millis) {
        if (options.matches("(?s).*(^|\\s|-c\\s*)" + parameter + "\\s*=.*")) {
            return options;
        }
        var setting = "-c " + parameter + "=" + millis;
        return options.isEmpty() ? setting : options + " " + setting;
    }

    private static long millis(String value) {
        Duration duration = DurationStyle.detectAndParse(value.strip());
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A database timeout must not be negative: " + value);
        }
        return duration.toMillis();
    }
}
