package io.polyclinic.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.polyclinic.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway has no controllers, services or repositories; its layers are the wiring ({@code config}, Spring
 * configuration classes) above the behaviour ({@code routing}, {@code ratelimit}), which must not reach back into
 * the wiring. On top of the shared rules every service keeps.
 */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.polyclinic.gateway");

    @Test
    void keepsTheSharedRules() {
        ArchitectureRules.checkService("io.polyclinic.gateway");
    }

    @Test
    void routingAndRateLimitingDoNotDependOnTheWiring() {
        noClasses()
                .that()
                .resideInAnyPackage("io.polyclinic.gateway.routing..", "io.polyclinic.gateway.ratelimit..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Configuration.class)
                .check(GATEWAY);
    }

    @Test
    void wiringLivesInTheConfigPackage() {
        classes()
                .that()
                .areAnnotatedWith(Configuration.class)
                .should()
                .resideInAPackage("io.polyclinic.gateway.config..")
                .check(GATEWAY);
    }
}
