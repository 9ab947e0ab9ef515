package io.polyclinic.ingest.naming;

import io.polyclinic.platform.problem.ConflictException;

/** A spelling whose normal form the dataset's naming table already has: answered 409. */
public class SpellingTakenException extends ConflictException {

    public SpellingTakenException(String existingSpelling, String field) {
        super(
                "spelling-taken",
                "Spelling already in the naming table",
                "The naming table already maps \"" + existingSpelling + "\" (the same header once normalized) to "
                        + field + ".");
    }
}
