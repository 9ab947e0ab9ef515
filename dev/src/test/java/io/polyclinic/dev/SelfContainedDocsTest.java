package io.polyclinic.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own (docs/conventions.md "Docs"): no source, script, setting or document cites a file
 * outside it, such as the product texts a session worked from. The rules the code relies on live in docs/product.md
 * and docs/conventions.md instead. The forbidden strings are assembled here so that this file does not cite them.
 */
class SelfContainedDocsTest {

    private static final Pattern OUTSIDE = Pattern.compile(String.join(
            "|",
            Pattern.quote(".." + "/shared"),
            Pattern.quote("/work/" + "shared"),
            "\\b" + "SPEC" + "(\\.md|\\s+S\\d)",
            "\\b" + "CONVENTIONS" + "\\.md",
            "\\b" + "ARCHITECTURE" + "\\.md"));

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".mvn", "target", "var", "node_modules");

    private static final Set<String> SCANNED_SUFFIXES = Set.of(
            ".java",
            ".md",
            ".sh",
            ".yaml",
            ".yml",
            ".xml",
            ".properties",
            ".sql",
            ".proto",
            ".lua",
            ".json",
            ".txt",
            ".html",
            ".css",
            ".js",
            ".cmd");

    @Test
    void noFileInTheRepositoryCitesAFileOutsideIt() throws IOException {
        var root = repositoryRoot();
        var citations = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> scanned(root, file))
                    .forEach(file -> citations.addAll(citations(root.relativize(file), read(file))));
        }
        assertThat(citations)
                .as("cite docs/product.md, docs/conventions.md or docs/architecture.md instead")
                .isEmpty();
    }

    @Test
    void theScanFindsEachKindOfCitation() {
        var text = String.join(
                "\n",
                "see .." + "/shared/SPEC" + ".md",
                "the roles of " + "SPEC" + " S1",
                "(" + "CONVENTIONS" + ".md \"Layout\")",
                "ports (" + "ARCHITECTURE" + ".md)",
                "docs/architecture.md and docs/product.md S3 are in the repository");
        assertThat(citations(Path.of("Example.java"), text)).hasSize(4);
    }

    /** "path:line: text" of each line of {@code text} that cites a file outside the repository. */
    private static List<String> citations(Path file, String text) {
        var found = new ArrayList<String>();
        var lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (OUTSIDE.matcher(lines[i]).find()) {
                found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
        return found;
    }

    /**
     * Every text file outside build output and data, except released Flyway migrations: Flyway checks each applied
     * migration's checksum, comments included, so their text cannot change.
     */
    private static boolean scanned(Path root, Path file) {
        for (var part : root.relativize(file)) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        var name = file.getFileName().toString();
        if (file.toString().contains("/db/migration/") && name.matches("V\\d+__.*\\.sql")) {
            return false;
        }
        return SCANNED_SUFFIXES.stream().anyMatch(name::endsWith) || !name.contains(".");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory with the Maven wrapper's {@code .mvn}, above the dev module's working directory. */
    private static Path repositoryRoot() {
        var directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve(".mvn"))) {
            directory = directory.getParent();
        }
        assertThat(directory)
                .as("the repository root above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return directory;
    }
}
