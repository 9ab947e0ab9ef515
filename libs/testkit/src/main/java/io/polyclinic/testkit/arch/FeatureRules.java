package io.polyclinic.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The walls between the packages of one module (docs/architecture.md, "Feature walls").
 *
 * <p>A <b>feature</b> is a top-level package under the module's base package, for example {@code slot} in
 * {@code io.polyclinic.booking.slot}, with its sub-packages. Classes directly in the base package (the application
 * class) belong to no feature. {@code config} is the wiring: it builds and connects the features and may reach
 * anything of them; nothing should need it back (a setting that features read lives with the feature, or in the
 * module's {@code shared} package when several read it).
 *
 * <ul>
 *   <li><b>Only through the front door.</b> A class of one feature uses another feature through that feature's
 *       {@code *Service} classes and the types they take and return (records, enums, exceptions and other public
 *       helpers). It never uses another feature's <i>internals</i>: its {@code *Repository} classes (the data
 *       access, with the types nested in them) and its {@code *Controller} classes (the HTTP and gRPC entry points).
 *       So a table is read and written through the feature that owns it, and its rules apply to every caller.
 *   <li><b>No cycles.</b> The features, {@code config} and support packages ({@code shared}, {@code cache} ...)
 *       form no dependency cycle: if {@code a} uses {@code b}, nothing in {@code b} uses {@code a}, directly or
 *       through other packages.
 * </ul>
 */
public final class FeatureRules {

    private FeatureRules() {}

    /**
     * Both rules for the module whose classes live under {@code basePackage}.
     *
     * @param basePackage for example {@code io.polyclinic.booking}
     */
    public static List<ArchRule> all(String basePackage) {
        return List.of(onlyThroughServices(basePackage), noCycles(basePackage));
    }

    /**
     * No class of a feature depends on another feature's {@code *Repository} or {@code *Controller} (or a type nested
     * in one); {@code config} and the base package itself are exempt.
     */
    public static ArchRule onlyThroughServices(String basePackage) {
        return classes()
                .should(new ArchCondition<JavaClass>("reach other features only through their services") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        var from = feature(basePackage, origin);
                        if (from == null || from.equals("config")) {
                            return;
                        }
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            var target = dependency.getTargetClass().getBaseComponentType();
                            var to = feature(basePackage, target);
                            if (to != null && !to.equals(from) && isInternal(target)) {
                                events.add(SimpleConditionEvent.violated(
                                        dependency,
                                        "Feature '" + from + "' reaches into feature '" + to + "': "
                                                + dependency.getDescription() + ". Call " + to
                                                + "'s *Service instead of its "
                                                + topLevel(target).getSimpleName()
                                                + "."));
                            }
                        }
                    }
                })
                .as("features of " + basePackage + " reach one another only through their *Service classes")
                .because("a feature's repositories and controllers are its own (docs/architecture.md)")
                .allowEmptyShould(true);
    }

    /** The top-level packages under {@code basePackage} form no dependency cycle. */
    public static ArchRule noCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..")
                .namingSlices("package '$1'")
                .should()
                .beFreeOfCycles()
                .as("the packages of " + basePackage + " form no cycle")
                .because("a cycle makes two packages one: neither can be read, tested or moved alone")
                .allowEmptyShould(true);
    }

    /** The top-level package under {@code basePackage} that holds {@code type}, or null when it is outside. */
    private static String feature(String basePackage, JavaClass type) {
        var name = type.getPackageName();
        if (!name.startsWith(basePackage + ".")) {
            return null;
        }
        var rest = name.substring(basePackage.length() + 1);
        var dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean isInternal(JavaClass type) {
        var name = topLevel(type).getSimpleName();
        return name.endsWith("Repository") || name.endsWith("Controller");
    }

    private static JavaClass topLevel(JavaClass type) {
        var current = type;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
