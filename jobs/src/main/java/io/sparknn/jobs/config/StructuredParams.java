package io.sparknn.jobs.config;

import io.sparknn.jobs.ConfigException;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.optim.Optimizers;

/**
 * Parses the params whose value is a structure (the network spec, an optimizer with settings)
 * when the config is read, with the parsers the estimator uses: a bad value (Adam's beta1: -5,
 * an unknown layer type) is then a config error naming the key (exit 2), found before any data
 * is read, rather than a failure of the training run.
 */
final class StructuredParams {
    private StructuredParams() {}

    static void check(String param, Object value, String key) {
        try {
            switch (param) {
                case "optimizer" -> {
                    String v = value.toString();
                    if (v.trim().startsWith("{")) {
                        Optimizers.fromJson(v);
                    } else {
                        Optimizers.byName(v);
                    }
                }
                case "network" -> NetworkSpec.fromJson(value.toString());
                default -> {}
            }
        } catch (IllegalArgumentException e) { // InvalidNetworkException is one too
            throw new ConfigException("Key '" + key + "' is not valid: " + e.getMessage(), e);
        }
    }
}
