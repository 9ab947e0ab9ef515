package io.polyclinic.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The one trusted-proxies setting as Tomcat's RemoteIpValve settings. */
class TrustedProxiesEnvironmentPostProcessorTest {

    private final TrustedProxiesEnvironmentPostProcessor processor = new TrustedProxiesEnvironmentPostProcessor();

    @Test
    void loopbackIsTrustedByDefaultAndTheNativeStrategyIsOn() {
        var environment = new MockEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("native");
        assertThat(environment.getProperty("server.tomcat.remoteip.internal-proxies"))
                .isEqualTo("127.0.0.0/8,::1/128");
    }

    @Test
    void configuredBlocksReplaceTheDefaultAndBareAddressesBecomeOneHostBlocks() {
        var environment =
                new MockEnvironment().withProperty("polyclinic.web.trusted-proxies", "10.0.3.0/24, 10.0.4.7, fd00::1");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.tomcat.remoteip.internal-proxies"))
                .isEqualTo("10.0.3.0/24,10.0.4.7/32,fd00::1/128");
    }

    @Test
    void anEmptyListTrustsNobody() {
        assertThat(TrustedProxiesEnvironmentPostProcessor.internalProxies(List.of()))
                .isEmpty();
    }

    @Test
    void anExplicitTomcatSettingStillWins() {
        var environment = new MockEnvironment().withProperty("server.tomcat.remoteip.internal-proxies", "10\\.1\\..*");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.tomcat.remoteip.internal-proxies"))
                .isEqualTo("10\\.1\\..*");
    }

    @Test
    void aHostNameOrABadPrefixIsRefusedAtStart() {
        assertThatThrownBy(() -> TrustedProxiesEnvironmentPostProcessor.internalProxies(List.of("lb.internal")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lb.internal");
        assertThatThrownBy(() -> TrustedProxiesEnvironmentPostProcessor.internalProxies(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("prefix");
    }
}
