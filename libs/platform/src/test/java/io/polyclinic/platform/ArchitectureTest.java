package io.polyclinic.platform;

import io.polyclinic.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The platform's packages form no cycle (see {@link ArchitectureRules#checkLibrary}). */
class ArchitectureTest {

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.checkLibrary("io.polyclinic.platform");
    }
}
