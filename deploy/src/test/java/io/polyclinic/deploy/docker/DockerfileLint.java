package io.polyclinic.deploy.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks a Dockerfile linter would make on a Polyclinic service image (docs/operations.md, "Images"): every base
 * image pinned to an exact version or a digest, a non-root {@code USER} and a {@code HEALTHCHECK} on the actuator in
 * the final stage, no secret in {@code ENV}, {@code ARG} or a copied file, and the Spring Boot layers copied one by
 * one with the application's own classes last. Parsing follows the Dockerfile reference: comments, line
 * continuations with {@code \}, {@code ARG} defaults before the first {@code FROM} usable in {@code FROM}.
 */
public final class DockerfileLint {

    /** A tag that names one release: digits with a dot (21.0.9_10-jre-noble, v3.5.0, 17.6-bookworm). */
    private static final Pattern EXACT_TAG = Pattern.compile("^v?\\d+\\.\\d+.*");

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|private_?key|credential|jwks).*");

    private static final Pattern SECRET_FILE =
            Pattern.compile("(?i).*(\\.pem|\\.key|\\.p12|\\.jks|id_rsa|\\.env|\\.secret)(\\s|$|\").*");

    /** The Spring Boot layers in the order the image copies them: least often changed first. */
    static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    private DockerfileLint() {}

    /** One instruction: its keyword in upper case and its arguments, continuations joined. */
    record Instruction(String keyword, String arguments, int line) {}

    /**
     * The problems found in a Dockerfile's text; empty when it passes every check.
     *
     * @param text the Dockerfile's content
     * @return one human-readable sentence per problem, with its line number where there is one
     */
    public static List<String> check(String text) {
        var instructions = parse(text);
        var problems = new ArrayList<String>();
        var globalArgs = new HashMap<String, String>();
        var stages = new ArrayList<String>();
        int finalStageStart = -1;
        for (int i = 0; i < instructions.size(); i++) {
            var instruction = instructions.get(i);
            switch (instruction.keyword()) {
                case "ARG" -> {
                    if (finalStageStart < 0 && stages.isEmpty()) {
                        var parts = instruction.arguments().split("=", 2);
                        globalArgs.put(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "");
                    }
                    checkSecretName(instruction, problems);
                }
                case "FROM" -> {
                    var words = instruction.arguments().split("\\s+");
                    var image = substitute(words[0], globalArgs);
                    if (!stages.contains(image.toLowerCase(Locale.ROOT))) {
                        checkPinned(image, instruction.line(), problems);
                    }
                    if (words.length >= 3 && words[1].equalsIgnoreCase("AS")) {
                        stages.add(words[2].toLowerCase(Locale.ROOT));
                    }
                    finalStageStart = i;
                }
                case "ENV" -> checkSecretName(instruction, problems);
                case "COPY", "ADD" -> {
                    if (SECRET_FILE.matcher(instruction.arguments() + " ").matches()) {
                        problems.add("line " + instruction.line() + ": copies what looks like a secret file: "
                                + instruction.arguments());
                    }
                }
                default -> {}
            }
        }
        if (finalStageStart < 0) {
            problems.add("no FROM instruction");
            return problems;
        }
        checkFinalStage(instructions.subList(finalStageStart, instructions.size()), problems);
        return problems;
    }

    private static void checkFinalStage(List<Instruction> stage, List<String> problems) {
        var user = stage.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b);
        if (user.isEmpty()) {
            problems.add("the final stage sets no USER: the service would run as root");
        } else {
            var name = user.get().arguments().split(":")[0].strip();
            if (name.equals("root") || name.equals("0")) {
                problems.add("line " + user.get().line() + ": the final stage runs as root");
            }
        }
        var healthcheck =
                stage.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).findFirst();
        if (healthcheck.isEmpty()
                || healthcheck.get().arguments().strip().equalsIgnoreCase("NONE")
                || !healthcheck.get().arguments().contains("/actuator/health")) {
            problems.add("the final stage has no HEALTHCHECK on /actuator/health");
        }
        var layerCopies = new ArrayList<String>();
        for (var instruction : stage) {
            if (instruction.keyword().equals("COPY") && instruction.arguments().contains("--from=")) {
                for (var layer : LAYERS) {
                    if (instruction.arguments().contains("/" + layer + "/")) {
                        layerCopies.add(layer);
                    }
                }
            }
        }
        if (!layerCopies.equals(LAYERS)) {
            problems.add("the final stage copies the Spring Boot layers " + layerCopies + ", expected one COPY each, in"
                    + " the order " + LAYERS + " (java -Djarmode=tools -jar app.jar extract --layers)");
        }
    }

    private static void checkPinned(String image, int line, List<String> problems) {
        if (image.contains("@sha256:")) {
            return;
        }
        var slash = image.lastIndexOf('/');
        var colon = image.indexOf(':', slash + 1);
        var tag = colon < 0 ? "" : image.substring(colon + 1);
        if (image.contains("$") || tag.isEmpty() || !EXACT_TAG.matcher(tag).matches()) {
            problems.add("line " + line + ": base image " + image
                    + " is not pinned (an exact version tag such as 21.0.9_10-jre-noble, or @sha256:<digest>)");
        }
    }

    private static void checkSecretName(Instruction instruction, List<String> problems) {
        for (var assignment : instruction.arguments().split("\\s+(?=[A-Za-z_][A-Za-z0-9_]*=)")) {
            var name = assignment.split("[=\\s]", 2)[0];
            if (SECRET_NAME.matcher(name).matches()) {
                problems.add("line " + instruction.line() + ": " + instruction.keyword() + " " + name
                        + " looks like a secret; secrets come from the environment at run time, never from the image");
            }
        }
    }

    private static String substitute(String word, Map<String, String> args) {
        var result = word;
        for (var arg : args.entrySet()) {
            result = result.replace("${" + arg.getKey() + "}", arg.getValue())
                    .replace("$" + arg.getKey(), arg.getValue());
        }
        return result;
    }

    /** The instructions of a Dockerfile: comments and blank lines dropped, continuation lines joined. */
    static List<Instruction> parse(String text) {
        var instructions = new ArrayList<Instruction>();
        var lines = text.split("\\R", -1);
        var current = new StringBuilder();
        int start = 0;
        for (int n = 0; n < lines.length; n++) {
            var line = lines[n];
            var trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (!current.isEmpty() && trimmed.startsWith("#")) {
                continue;
            }
            if (current.isEmpty()) {
                start = n + 1;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            var full = current.toString().strip();
            current.setLength(0);
            var space = full.indexOf(' ');
            var keyword = (space < 0 ? full : full.substring(0, space)).toUpperCase(Locale.ROOT);
            instructions.add(new Instruction(
                    keyword, space < 0 ? "" : full.substring(space + 1).strip(), start));
        }
        return instructions;
    }
}
