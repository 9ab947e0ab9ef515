package io.polyclinic.spreadsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the committed fixtures (see src/test/resources/fixtures/README.md). */
final class Fixtures {

    private Fixtures() {}

    static Path path(String name) {
        try {
            var url = Fixtures.class.getResource("/fixtures/" + name);
            if (url == null) {
                throw new UncheckedIOException(new IOException("no fixture " + name));
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
