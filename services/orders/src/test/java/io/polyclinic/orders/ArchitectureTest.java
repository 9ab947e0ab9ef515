package io.polyclinic.orders;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.polyclinic.testkit.arch.LayerRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void ordersKeepsTheLayerRules() {
        LayerRules.check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.polyclinic.orders"));
    }
}
