package io.polyclinic.testkit.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The structure rules every module keeps, in one call per module's {@code ArchitectureTest}:
 *
 * <pre>{@code
 * @Test
 * void keepsTheSharedRules() {
 *     ArchitectureRules.checkService("io.polyclinic.booking");
 * }
 * }</pre>
 *
 * A service keeps the {@link LayerRules} and the {@link FeatureRules}; a library keeps {@link FeatureRules#noCycles}.
 * Only main classes are checked (tests may reach anywhere). A failure is an {@link AssertionError} that names each
 * rule broken and every offending dependency with its source line.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** The rules of a service whose classes live under {@code basePackage}, e.g. {@code io.polyclinic.booking}. */
    public static List<ArchRule> forService(String basePackage) {
        var rules = new ArrayList<>(LayerRules.all());
        rules.addAll(FeatureRules.all(basePackage));
        return rules;
    }

    /** Checks {@link #forService} against the main classes under {@code basePackage}. */
    public static void checkService(String basePackage) {
        check(forService(basePackage), mainClasses(basePackage));
    }

    /** Checks that the packages of a library (e.g. {@code io.polyclinic.platform}) form no cycle. */
    public static void checkLibrary(String basePackage) {
        check(List.of(FeatureRules.noCycles(basePackage)), mainClasses(basePackage));
    }

    /** The production classes under {@code basePackage} (test classes and jars excluded). */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /**
     * Checks every rule and reports all broken ones in one {@link AssertionError}, each under its own name, so one
     * run shows everything to fix.
     */
    private static void check(List<ArchRule> rules, JavaClasses classes) {
        var failures = new ArrayList<String>();
        for (var rule : rules) {
            var result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(
                    failures.size() + " architecture rule(s) broken:\n\n" + String.join("\n\n", failures));
        }
    }
}
