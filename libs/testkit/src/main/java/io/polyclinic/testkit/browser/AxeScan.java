package io.polyclinic.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * An accessibility scan of the page the browser shows, with axe-core (vendored from npm with its licence beside it,
 * see {@code axe-core-NOTICE.txt}): the script is injected into the page and run against WCAG 2.0/2.1 A and AA rules.
 */
public final class AxeScan {

    private static final String SCRIPT = load();

    private AxeScan() {}

    /** A rule the page breaks: its id, impact ({@code minor}, {@code moderate}, {@code serious}, {@code critical}), help text and offending elements (CSS selectors). */
    public record Violation(String id, String impact, String help, List<String> targets) {

        /** Whether the impact is serious or critical. */
        public boolean seriousOrWorse() {
            return "serious".equals(impact) || "critical".equals(impact);
        }

        @Override
        public String toString() {
            return impact + " " + id + ": " + help + " " + targets;
        }
    }

    /** Every violation on the current page. */
    @SuppressWarnings("unchecked")
    public static List<Violation> run(WebDriver driver) {
        var js = (JavascriptExecutor) driver;
        js.executeScript(SCRIPT);
        var result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(function (r) {
                    done(r.violations.map(function (v) {
                      return {id: v.id, impact: v.impact || 'minor', help: v.help,
                              targets: v.nodes.map(function (n) { return String(n.target); })};
                    }));
                  })
                  .catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]); });
                """);
        var violations = new ArrayList<Violation>();
        for (var item : (List<Map<String, Object>>) result) {
            violations.add(new Violation(
                    (String) item.get("id"), (String) item.get("impact"), (String) item.get("help"), List.copyOf((List<
                                    String>)
                            item.get("targets"))));
        }
        return violations;
    }

    /** The serious and critical violations on the current page (what the browser tests allow none of). */
    public static List<Violation> seriousOrCritical(WebDriver driver) {
        return run(driver).stream().filter(Violation::seriousOrWorse).toList();
    }

    private static String load() {
        try (var in = AxeScan.class.getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the testkit's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
