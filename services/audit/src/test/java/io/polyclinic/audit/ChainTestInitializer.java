package io.polyclinic.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a test context what the audit service needs to start: a chain key (a fixed test value, not a secret) and an
 * anchor file in a fresh temporary directory, so each context (with its own fresh database) has its own anchor.
 * Added last, so a test's own properties override it.
 */
public class ChainTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The chain key of the tests: 32 bytes, Base64. */
    public static final String TEST_KEY = "dGVzdC1vbmx5LWF1ZGl0LWNoYWluLWtleS0zMi1ieXRlcyE=";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            var directory = Files.createTempDirectory("audit-anchor");
            context.getEnvironment()
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "auditChainTest",
                            Map.of(
                                    "polyclinic.audit.chain.key",
                                    TEST_KEY,
                                    "polyclinic.audit.chain.anchor-file",
                                    directory.resolve("anchor.json").toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
