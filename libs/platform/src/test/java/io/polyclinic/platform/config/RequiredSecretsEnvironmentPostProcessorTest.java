package io.polyclinic.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A service whose database or RabbitMQ is on another host does not start without its password, and says which. */
class RequiredSecretsEnvironmentPostProcessorTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static void postProcess(Map<String, Object> properties) {
        new RequiredSecretsEnvironmentPostProcessor()
                .postProcessEnvironment(environment(properties), new SpringApplication());
    }

    @Test
    void aRemoteDatabaseWithoutAPasswordStopsTheServiceNamingTheVariable() {
        assertThatThrownBy(
                        () -> postProcess(Map.of("spring.datasource.url", "jdbc:postgresql://postgres:5432/booking")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD")
                .hasMessageNotContaining("RABBITMQ");
    }

    @Test
    void aRemoteRabbitMqWithoutAPasswordOrWithGuestStopsTheService() {
        assertThatThrownBy(() -> postProcess(Map.of("spring.rabbitmq.host", "rabbitmq")))
                .hasMessageContaining("SPRING_RABBITMQ_PASSWORD");
        assertThatThrownBy(() ->
                        postProcess(Map.of("spring.rabbitmq.host", "rabbitmq", "spring.rabbitmq.password", "guest")))
                .hasMessageContaining("SPRING_RABBITMQ_PASSWORD");
    }

    @Test
    void bothMissingAreNamedInOneMessage() {
        assertThatThrownBy(() -> postProcess(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://db.internal/notifier",
                        "spring.rabbitmq.host", "10.0.0.5")))
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD")
                .hasMessageContaining("SPRING_RABBITMQ_PASSWORD");
    }

    @Test
    void withThePasswordsGivenTheServiceStarts() {
        assertThat(RequiredSecretsEnvironmentPostProcessor.missingSecrets(environment(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://postgres:5432/booking",
                        "spring.datasource.password", "s3cret",
                        "spring.rabbitmq.host", "rabbitmq",
                        "spring.rabbitmq.password", "an0ther"))))
                .isEmpty();
    }

    @Test
    void theLocalMachineNeedsNoPassword() {
        assertThat(RequiredSecretsEnvironmentPostProcessor.missingSecrets(environment(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://localhost:54329/booking",
                        "spring.rabbitmq.host", "127.0.0.1"))))
                .isEmpty();
        assertThat(RequiredSecretsEnvironmentPostProcessor.missingSecrets(
                        environment(Map.of("spring.datasource.url", "jdbc:postgresql://[::1]:5432/booking"))))
                .isEmpty();
        assertThat(RequiredSecretsEnvironmentPostProcessor.missingSecrets(environment(Map.of())))
                .isEmpty();
    }
}
