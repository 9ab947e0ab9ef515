package io.polyclinic.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.testkit.jwt.TestJwtIssuer;
import io.polyclinic.testkit.postgres.EmbeddedPostgresInitializer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The audit service has no default chain key and no default anchor file: outside the dev stack (which generates
 * both), it does not start without them.
 */
class AuditStartupTest {

    private static SpringApplicationBuilder audit() {
        return new SpringApplicationBuilder(AuditApplication.class)
                .initializers(new EmbeddedPostgresInitializer(), new TestJwtIssuer.Initializer())
                .registerShutdownHook(false);
    }

    @Test
    void theServiceDoesNotStartWithoutAChainKey() throws Exception {
        var anchor = Files.createTempDirectory("audit-anchor").resolve("anchor.json");

        assertThatThrownBy(() -> audit().run(
                                "--server.port=0",
                                "--spring.grpc.server.port=0",
                                "--polyclinic.audit.chain.anchor-file=" + anchor)
                        .close())
                .hasStackTraceContaining("No audit chain key: set polyclinic.audit.chain.key");
    }

    @Test
    void theServiceDoesNotStartWithoutAnAnchorFile() {
        assertThatThrownBy(() -> audit().run(
                                "--server.port=0",
                                "--spring.grpc.server.port=0",
                                "--polyclinic.audit.chain.key=" + ChainTestInitializer.TEST_KEY)
                        .close())
                .hasStackTraceContaining("No audit chain anchor file");
    }
}
