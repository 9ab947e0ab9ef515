package io.polyclinic.platform.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/** New entity ids: time-ordered UUID version 7 (RFC 9562 §5.7), so b-tree inserts stay at the index's right edge. */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    /** A fresh UUIDv7; thread-safe, monotonic within this JVM. */
    public static UUID newId() {
        return GENERATOR.generate();
    }
}
