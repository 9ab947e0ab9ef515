package io.polyclinic.testkit.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layer rules every service keeps (docs/conventions.md "Layout"): controllers translate HTTP, are used by
 * nobody and reach data only through services; services hold the use cases and know nothing of HTTP; repositories
 * translate rows and call neither services nor controllers. Names decide the layer: {@code *Controller}, {@code *Service},
 * {@code *Repository}.
 */
public final class LayerRules {

    private LayerRules() {}

    /** All rules; check each against the service's imported classes. */
    public static List<ArchRule> all() {
        return List.of(
                noClasses()
                        .that()
                        .haveSimpleNameNotEndingWith("Controller")
                        .should()
                        .dependOnClassesThat()
                        .haveSimpleNameEndingWith("Controller")
                        .because("controllers are the outermost layer")
                        .allowEmptyShould(true),
                noClasses()
                        .that()
                        .haveSimpleNameEndingWith("Controller")
                        .should()
                        .dependOnClassesThat(
                                // our data layer; a library's *Repository (Spring Security's CsrfTokenRepository keeps
                                // a token in a cookie) is not
                                simpleNameEndingWith("Repository").and(resideInAPackage("io.polyclinic..")))
                        .because("controllers call use cases, never the data layer directly")
                        .allowEmptyShould(true),
                noClasses()
                        .that()
                        .haveSimpleNameEndingWith("Repository")
                        .should()
                        .dependOnClassesThat()
                        .haveSimpleNameEndingWith("Service")
                        .because("repositories translate rows and hold no use cases")
                        .allowEmptyShould(true),
                noClasses()
                        .that()
                        .haveSimpleNameEndingWith("Service")
                        .or()
                        .haveSimpleNameEndingWith("Repository")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
                        .because("use cases and data access know nothing of HTTP")
                        .allowEmptyShould(true));
    }

    /** Checks every rule against the given classes; throws {@link AssertionError} listing the violations. */
    public static void check(JavaClasses classes) {
        all().forEach(rule -> rule.check(classes));
    }
}
