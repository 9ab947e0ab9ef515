package io.polyclinic.ingest;

import io.polyclinic.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The shared structure rules: layers, feature walls, no package cycles (see {@link ArchitectureRules}). */
class ArchitectureTest {

    @Test
    void keepsTheSharedRules() {
        ArchitectureRules.checkService("io.polyclinic.ingest");
    }
}
