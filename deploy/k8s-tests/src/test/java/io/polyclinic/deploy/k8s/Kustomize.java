package io.polyclinic.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders an overlay of {@code deploy/k8s} with {@code kubectl kustomize}, the tool operators apply it with.
 *
 * <p>Without kubectl on the {@code PATH} the calling test is skipped with a message naming the install command, except
 * on CI ({@code CI=true}), where a missing tool fails: a check that silently did not run there would be no check.
 */
final class Kustomize {

    /** The repository root: the nearest directory upwards holding {@code deploy/k8s}. */
    static final Path ROOT = findRoot();

    private Kustomize() {}

    /**
     * The overlay's rendered objects, in kubectl's order.
     *
     * @param overlay the overlay's directory name under {@code deploy/k8s/overlays} ({@code dev}, {@code prod})
     * @return one map per YAML document, as SnakeYAML reads it (safe constructor, no custom types)
     */
    static List<Map<String, Object>> render(String overlay) {
        var kubectl = kubectl();
        var directory = ROOT.resolve("deploy/k8s/overlays").resolve(overlay);
        try {
            var process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString()).start();
            var stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            var stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize " + directory + " ran longer than 120 s");
            }
            if (process.exitValue() != 0) {
                fail("kubectl kustomize " + directory + " failed: " + stderr.join());
            }
            return documents(stdout.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every non-empty document of a YAML stream. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        var documents = new ArrayList<Map<String, Object>>();
        for (var document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    private static Path kubectl() {
        var path = System.getenv().getOrDefault("PATH", "");
        for (var directory : path.split(java.io.File.pathSeparator)) {
            var candidate = Path.of(directory, "kubectl");
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        var message = "kubectl is not on the PATH, so the Kubernetes manifests were not rendered. Install it "
                + "(apt-get install kubectl, or https://kubernetes.io/docs/tasks/tools/) and run again.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " CI=true: the check must run on CI.");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        var directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("deploy/k8s/overlays"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(
                    "No deploy/k8s/overlays above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
