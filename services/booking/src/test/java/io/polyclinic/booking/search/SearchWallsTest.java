package io.polyclinic.booking.search;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The search package's walls: it reads doctors without depending on the doctor feature (which answers its writes
 * with the search's card, so the arrow runs doctor to search only) or on the wiring, and nothing outside reaches its
 * repositories.
 */
class SearchWallsTest {

    private static final JavaClasses BOOKING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.polyclinic.booking");

    @Test
    void searchDependsOnNeitherTheDoctorFeatureNorTheWiring() {
        noClasses()
                .that()
                .resideInAPackage("..booking.search..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..booking.doctor..", "..booking.config..")
                .check(BOOKING);
    }

    @Test
    void otherFeaturesReachSearchThroughItsServiceOnly() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..booking.search..")
                .should()
                .dependOnClassesThat(resideInAPackage("..booking.search..").and(simpleNameEndingWith("Repository")))
                .check(BOOKING);
    }

    @Test
    void searchDoctorCacheAndSharedFormNoCycle() {
        var features = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(
                        "io.polyclinic.booking.search",
                        "io.polyclinic.booking.doctor",
                        "io.polyclinic.booking.cache",
                        "io.polyclinic.booking.shared");
        slices().matching("io.polyclinic.booking.(*)..")
                .should()
                .beFreeOfCycles()
                .check(features);
    }
}
