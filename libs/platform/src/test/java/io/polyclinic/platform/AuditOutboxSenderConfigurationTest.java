package io.polyclinic.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyclinic.platform.audit.AuditOutboxSender;
import io.polyclinic.platform.audit.PlatformAuditAutoConfiguration;
import io.polyclinic.platform.servicetoken.ServiceTokenAutoConfiguration;
import io.polyclinic.platform.servicetoken.ServiceTokenClient;
import io.polyclinic.platform.servicetoken.ServiceTokenSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AuditOutboxSenderConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class,
                    GrpcClientAutoConfiguration.class,
                    ServiceTokenAutoConfiguration.class,
                    PlatformAuditAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void withoutATargetThereIsNoAuditSenderSoAuditRowsStayPending() {
        runner.run(context -> assertThat(context).doesNotHaveBean(AuditOutboxSender.class));
        runner.withPropertyValues("polyclinic.audit.target= ")
                .run(context -> assertThat(context).doesNotHaveBean(AuditOutboxSender.class));
    }

    @Test
    void aTargetEnablesTheAuditSender() {
        runner.withPropertyValues("polyclinic.audit.target=static://localhost:9083", "polyclinic.audit.deadline=3s")
                .run(context -> {
                    assertThat(context).hasSingleBean(AuditOutboxSender.class);
                    assertThat(context.getBean(AuditOutboxSender.class).supports("audit"))
                            .isTrue();
                });
    }

    @Test
    void clientCredentialsEnableTheServiceTokenClient() {
        runner.withPropertyValues(
                        "polyclinic.service-tokens.client-id=booking",
                        "polyclinic.service-tokens.client-secret=a-secret-from-the-environment-0123456789")
                .run(context -> assertThat(context).hasSingleBean(ServiceTokenClient.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(ServiceTokenSource.class));
    }

    @Test
    void aClientIdWithoutASecretFailsTheStart() {
        runner.withPropertyValues("polyclinic.service-tokens.client-id=booking").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("without a client secret"));
    }

    @Test
    void aServiceThatMintsItsOwnTokensKeepsItsSource() {
        ServiceTokenSource own = () -> "own";
        runner.withBean(ServiceTokenSource.class, () -> own)
                .withPropertyValues(
                        "polyclinic.service-tokens.client-id=booking",
                        "polyclinic.service-tokens.client-secret=a-secret-from-the-environment-0123456789")
                .run(context ->
                        assertThat(context.getBean(ServiceTokenSource.class)).isSameAs(own));
    }
}
