package io.polyclinic.deploy.compose;

import io.polyclinic.deploy.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose/compose.yaml as written (variables not interpolated), with YAML merge keys resolved the way
 * docker-compose resolves them.
 */
public final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?[-?][^}]*)?}");

    static final Path DIRECTORY = RepositoryFiles.root().resolve("deploy/compose");

    private final Map<String, Object> services;

    private ComposeFile(Map<String, Object> services) {
        this.services = services;
    }

    @SuppressWarnings("unchecked")
    public static ComposeFile load() {
        try {
            Map<String, Object> document =
                    new Yaml(new LoaderOptions()).load(Files.readString(DIRECTORY.resolve("compose.yaml")));
            return new ComposeFile((Map<String, Object>) document.get("services"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compose services built from a Polyclinic module: name to module (the build argument SERVICE). */
    @SuppressWarnings("unchecked")
    Map<String, String> polyclinicServices() {
        var result = new LinkedHashMap<String, String>();
        services.forEach((name, definition) -> {
            var build = (Map<String, Object>) ((Map<String, Object>) definition).get("build");
            if (build != null && build.get("args") instanceof Map<?, ?> args && args.get("SERVICE") != null) {
                result.put(name, String.valueOf(args.get("SERVICE")));
            }
        });
        return result;
    }

    /** A service's {@code environment:} entries, values as written (e.g. {@code ${BOOKING_DB_PASSWORD}}). */
    @SuppressWarnings("unchecked")
    public Map<String, String> environment(String service) {
        var result = new LinkedHashMap<String, String>();
        var environment = ((Map<String, Object>) services.get(service)).get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> result.put(String.valueOf(key), String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (var entry : list) {
                var parts = String.valueOf(entry).split("=", 2);
                result.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return result;
    }

    /** The files of a service's {@code env_file:}, resolved against the compose file's directory. */
    @SuppressWarnings("unchecked")
    public List<Path> envFiles(String service) {
        var envFile = ((Map<String, Object>) services.get(service)).get("env_file");
        if (envFile == null) {
            return List.of();
        }
        var names = envFile instanceof List<?> list ? list : List.of(envFile);
        return names.stream()
                .map(name -> DIRECTORY.resolve(String.valueOf(name)))
                .toList();
    }

    /** The {@code NAME=value} lines of an env file (comments and blank lines skipped). */
    public static Map<String, String> readEnvFile(Path file) {
        try {
            var result = new LinkedHashMap<String, String>();
            for (var line : Files.readAllLines(file)) {
                var trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                var parts = trimmed.split("=", 2);
                result.put(parts[0].strip(), parts.length > 1 ? parts[1] : "");
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value as compose interpolates it from {@code .env.example}: {@code ${NAME}}, {@code ${NAME:?message}} and
     * {@code ${NAME:-default}} (the default only when NAME is unset or empty).
     */
    public static String interpolate(String value, Map<String, String> variables) {
        var matcher = VARIABLE.matcher(value);
        var result = new StringBuilder();
        while (matcher.find()) {
            var name = matcher.group(1);
            var replacement = variables.getOrDefault(name, "");
            var expression = matcher.group();
            if (replacement.isEmpty() && expression.contains(":-")) {
                replacement = expression.substring(expression.indexOf(":-") + 2, expression.length() - 1);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString().replace("$$", "$");
    }

    /** The variables of {@code deploy/compose/.env.example}. */
    public static Map<String, String> exampleVariables() {
        return readEnvFile(DIRECTORY.resolve(".env.example"));
    }
}
