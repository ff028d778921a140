package io.sparknn.distributed.collective;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes resources on shutdown paths: errors are logged, never thrown over the real failure. */
final class Closing {
    private static final Logger LOG = LoggerFactory.getLogger(Closing.class);

    private Closing() {}

    static void quietly(AutoCloseable resource, String what) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Collective: closing the {} failed (ignored during shutdown): {}", what, e.toString());
        }
    }
}
