package io.polyclinic.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a service that would reach its database or RabbitMQ on another host without a password of its
 * own, naming the settings to give (decision 0039). Without this, a forgotten {@code SPRING_DATASOURCE_PASSWORD}
 * surfaces as a PostgreSQL authentication error deep in Flyway's start, and a forgotten
 * {@code SPRING_RABBITMQ_PASSWORD} silently falls back to Spring's {@code guest}. On the loopback interface (the dev
 * stack, tests) nothing is required: the embedded servers there take local logins.
 *
 * <p>The other secrets check themselves where they are used: identity's signing keys, audit's chain key and a service
 * client's secret each stop their service with a message naming the setting.
 */
public class RequiredSecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:postgresql://(\\[[^]]+]|[^/:,?]+)");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var missing = missingSecrets(environment);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing required secrets: " + String.join(", ", missing)
                    + ". Secrets have no default outside the local machine; set them in the environment.");
        }
    }

    /** The settings (property and environment variable) missing in this environment; empty when none is. */
    static List<String> missingSecrets(ConfigurableEnvironment environment) {
        var missing = new ArrayList<String>();
        var jdbcUrl = environment.getProperty("spring.datasource.url", "");
        var jdbcHost = JDBC_HOST.matcher(jdbcUrl);
        if (jdbcHost.find()
                && !isLoopback(jdbcHost.group(1))
                && isBlank(environment.getProperty("spring.datasource.password"))
                && !jdbcUrl.contains("password=")) {
            missing.add("spring.datasource.password (SPRING_DATASOURCE_PASSWORD)");
        }
        var rabbitHost = environment.getProperty("spring.rabbitmq.host", "");
        var rabbitPassword = environment.getProperty("spring.rabbitmq.password");
        if (!rabbitHost.isBlank()
                && !isLoopback(rabbitHost)
                && (isBlank(rabbitPassword) || rabbitPassword.equals("guest"))) {
            missing.add("spring.rabbitmq.password (SPRING_RABBITMQ_PASSWORD; guest is not accepted)");
        }
        return missing;
    }

    private static boolean isLoopback(String host) {
        var name = host.strip().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.startsWith("127.") || name.equals("::1");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** After the configuration files are read, so every source of the two properties counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
