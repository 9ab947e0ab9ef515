package io.polyclinic.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** Where the repository's files are, seen from this module's tests (Maven runs them in {@code deploy/}). */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /** The repository root: the first directory upwards from the working directory that holds {@code mvnw}. */
    public static Path root() {
        var directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    /**
     * Files under the repository root whose path matches, skipping build output, git and runtime data.
     *
     * @throws UncheckedIOException when the tree cannot be read
     */
    public static List<Path> find(Predicate<Path> matches) {
        var root = root();
        try (var paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> {
                        var relative = root.relativize(path).toString().replace('\\', '/');
                        return !relative.startsWith(".git/")
                                && !relative.contains("/target/")
                                && !relative.startsWith("var/")
                                && !relative.startsWith("deploy/compose/data/");
                    })
                    .filter(matches)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
