package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One service as its own JVM beside the dev stack: the stack leaves booking out, {@link ServiceLauncher} runs it in
 * a child process with its own heap cap against the stack's PostgreSQL and Kafka, the gateway routes to it, and
 * killing it (SIGKILL) takes booking down while the rest keeps answering.
 */
class DevStackOwnJvmTest {

    @TempDir
    static Path var;

    static DevStack stack;
    static GatewayClient gateway;

    @BeforeAll
    static void startStackWithoutBooking() {
        stack = DevStack.start(DevStackConfig.ephemeral(var).withExternalServices(Set.of("booking")));
        gateway = new GatewayClient(stack.gatewayUrl(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bookingRunsAsItsOwnJvmBehindTheStacksGatewayAndCanBeKilledAlone() throws Exception {
        var settings = ExternalServices.argumentsFile(var.toAbsolutePath(), "booking");
        assertThat(Files.getPosixFilePermissions(settings)).hasSize(2); // owner read and write only
        assertThat(gateway.get("/api/v1/doctors", null).statusCode()).isEqualTo(503);

        var log = var.resolve("booking.log");
        var booking = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ServiceLauncher.class.getName(),
                        "booking")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(var.toFile());
        booking.environment().put("POLYCLINIC_DEV_VAR_DIR", var.toAbsolutePath().toString());
        var process = booking.start();
        try {
            await("booking in its own JVM answers through the gateway with its demo doctors")
                    .atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("booking's JVM exited:\n" + Files.readString(log));
                        }
                        var search = gateway.get("/api/v1/doctors?size=1", null);
                        // the demo data loads right after start: a first answer may still be empty
                        return search.statusCode() == 200
                                && GatewayClient.json(search).get("totalItems").asLong() > 0;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("booking's JVM did not answer; its log:\n" + Files.readString(log), e);
        } finally {
            process.destroyForcibly().waitFor();
        }

        await("the gateway answers 503 once booking's JVM is gone")
                .atMost(Duration.ofSeconds(30))
                .until(() -> gateway.get("/api/v1/doctors?size=1", null).statusCode() == 503);
        var login = gateway.post(
                "/api/v1/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(DevStackConfig.DEFAULT_ADMIN_EMAIL, stack.adminPassword()));
        assertThat(login.statusCode())
                .as("identity, in the stack, keeps answering")
                .isEqualTo(200);
    }
}
