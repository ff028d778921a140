package io.sparknn.it;

import java.nio.file.Path;

/** The repository checkout the tests run from (conf/ and bin/ live there). */
final class Checkout {
    private Checkout() {}

    /** The repository root, set by the integration-tests POM. */
    static Path dir() {
        String dir = System.getProperty("sparknn.repoDir");
        if (dir == null) {
            throw new IllegalStateException(
                    "System property sparknn.repoDir is not set; the integration-tests POM sets it "
                            + "for failsafe. Run the test through Maven, or pass -Dsparknn.repoDir=<checkout>.");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }
}
