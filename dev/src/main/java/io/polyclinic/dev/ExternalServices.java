package io.polyclinic.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The hand-over between the dev stack and a service it leaves out ({@code POLYCLINIC_DEV_EXTERNAL}): the stack writes
 * the arguments it would have started the service with (ports, JDBC URL, Kafka, brokers, JWKS, secrets) to
 * {@code <var>/services/<name>.args}, one {@code --property=value} per line, readable by the owner only since they
 * hold passwords; {@link ServiceLauncher} reads them and runs the service as its own JVM.
 */
final class ExternalServices {

    private ExternalServices() {}

    /** The file that holds {@code service}'s arguments in the stack's data directory. */
    static Path argumentsFile(Path varDirectory, String service) {
        return varDirectory.resolve("services").resolve(service + ".args");
    }

    /**
     * Writes {@code args} for {@code service}, replacing an earlier file atomically.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    static void write(Path varDirectory, String service, List<String> args) {
        var file = argumentsFile(varDirectory, service);
        try {
            Files.createDirectories(file.getParent());
            var temporary = Files.createTempFile(file.getParent(), service, ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file is as private as the user's data directory.
            }
            Files.write(temporary, args, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the arguments of " + service + " to " + file, e);
        }
    }

    /**
     * The arguments the running dev stack left for {@code service}.
     *
     * @throws IllegalStateException when there are none: the stack was not started with the service left out
     */
    static List<String> read(Path varDirectory, String service) {
        var file = argumentsFile(varDirectory, service);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("No settings for " + service + " in " + file
                    + ": start the dev stack with POLYCLINIC_DEV_EXTERNAL=" + service + " first");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
