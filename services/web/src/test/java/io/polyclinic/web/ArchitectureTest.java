package io.polyclinic.web;

import io.polyclinic.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void followsThePlatformRules() {
        ArchitectureRules.checkService("io.polyclinic.web");
    }
}
