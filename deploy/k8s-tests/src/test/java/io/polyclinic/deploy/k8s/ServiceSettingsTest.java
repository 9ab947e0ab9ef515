package io.polyclinic.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every environment variable the services' ConfigMaps and Secrets set names a setting the platform documents in
 * docs/configuration.md, compared the way Spring Boot binds environment variables:
 * case, dots, dashes and underscores do not matter. A misspelt variable would otherwise be ignored without a word.
 */
class ServiceSettingsTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceVariableNamesADocumentedSetting(String overlay) throws IOException {
        var known = documented();
        var objects =
                Kustomize.render(overlay).stream().map(StrictBinding::bind).toList();
        var names = new ArrayList<String>();
        RenderedManifestsTest.ofKind(objects, ConfigMap.class).stream()
                .filter(c -> RenderedManifestsTest.SERVICES.contains(
                        c.getMetadata().getLabels().get("app.kubernetes.io/name")))
                .forEach(c -> names.addAll(c.getData().keySet()));
        RenderedManifestsTest.ofKind(objects, Secret.class)
                .forEach(s -> names.addAll(s.getStringData().keySet()));

        assertThat(names).isNotEmpty();
        assertThat(names).as("variables no documented setting binds").allMatch(name -> known.stream()
                .anyMatch(p -> p.matcher(relaxed(name)).matches()));
    }

    /**
     * The settings named in docs/configuration.md: code spans that are property names ({@code a.b.c}, with
     * {@code <id>} standing for any key and a trailing {@code *} for any suffix), the short forms that continue the
     * previous one ({@code `spring.mail.username` / `.password`}), and environment variable names.
     */
    static List<Pattern> documented() throws IOException {
        var patterns = new ArrayList<Pattern>();
        var text = Files.readString(Kustomize.ROOT.resolve("docs/configuration.md"));
        var last = "";
        var matcher = CODE.matcher(text);
        while (matcher.find()) {
            var name = matcher.group(1).trim();
            if (name.startsWith(".") && !last.isEmpty()) {
                name = last.substring(0, last.lastIndexOf('.')) + name;
            } else if (name.matches("[a-z][a-z0-9-]*(\\.[a-z0-9<>*\\[\\]-]+)+")) {
                last = name;
            } else if (!name.matches("[A-Z][A-Z0-9_]+")) {
                continue;
            }
            patterns.add(pattern(name));
        }
        return patterns;
    }

    private static Pattern pattern(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        var wildcards = Pattern.compile("<[^>]+>|\\*").matcher(lower);
        var regex = new StringBuilder();
        var at = 0;
        while (wildcards.find()) {
            regex.append(Pattern.quote(relaxed(lower.substring(at, wildcards.start()))));
            regex.append(wildcards.group().equals("*") ? "[a-z0-9]*" : "[a-z0-9]+");
            at = wildcards.end();
        }
        regex.append(Pattern.quote(relaxed(lower.substring(at))));
        return Pattern.compile(regex.toString());
    }

    /** A name as Spring Boot's relaxed binding compares it: lower case, letters and digits only. */
    static String relaxed(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
