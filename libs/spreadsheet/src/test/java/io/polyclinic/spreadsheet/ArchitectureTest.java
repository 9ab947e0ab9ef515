package io.polyclinic.spreadsheet;

import io.polyclinic.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The library's packages form no cycle (see {@link ArchitectureRules#checkLibrary}). */
class ArchitectureTest {

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.checkLibrary("io.polyclinic.spreadsheet");
    }
}
