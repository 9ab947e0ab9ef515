package io.polyclinic.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets the dev stack makes for itself (the first admin's password, the audit chain key, the service clients'
 * secrets): random on the first start, then kept in a file of the data directory that only its owner can read (from
 * its creation: written to a private temporary file, then moved into place), so they survive restarts like the data
 * they protect. Never logged.
 */
final class DevSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevSecrets() {}

    /**
     * The secret kept in {@code file}, made on the first call: {@code bytes} random bytes in {@code encoding}.
     *
     * @throws UncheckedIOException when the file can be neither read nor written
     */
    static String kept(Path file, int bytes, Base64.Encoder encoding) {
        try {
            if (!Files.exists(file)) {
                var directory = file.toAbsolutePath().getParent();
                Files.createDirectories(directory);
                var random = new byte[bytes];
                RANDOM.nextBytes(random);
                var temporary =
                        directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                                ? Files.createTempFile(
                                        directory,
                                        file.getFileName().toString(),
                                        ".tmp",
                                        PosixFilePermissions.asFileAttribute(
                                                PosixFilePermissions.fromString("rw-------")))
                                : Files.createTempFile(
                                        directory, file.getFileName().toString(), ".tmp");
                Files.writeString(temporary, encoding.encodeToString(random) + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep a dev secret in " + file, e);
        }
    }
}
