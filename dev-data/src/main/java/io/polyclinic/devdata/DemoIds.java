package io.polyclinic.devdata;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/** Ids of demo rows: time-ordered UUID version 7, the kind the services give their own rows. */
final class DemoIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private DemoIds() {}

    /** A fresh UUIDv7; thread-safe. */
    static UUID newId() {
        return GENERATOR.generate();
    }
}
