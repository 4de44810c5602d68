package dev.baton.importer;

import java.nio.file.Path;

/** Where the importer fixtures (written for these tests from each format's documentation) live. */
final class ImportFixtures {

    static final Path ROOT = Path.of("src/test/resources/import");

    private ImportFixtures() {
    }

    static Path of(String relative) {
        return ROOT.resolve(relative);
    }
}
