package io.sparknn.ml.inference;

import io.sparknn.nn.NetworkSpec;

/**
 * Checks a batch size param against the network on the driver: training and scoring buffers
 * hold a batch of the widest layer's values in one float array, and that product must fit a
 * Java array (3,000,000 rows of 784 features do not).
 */
public final class BatchSizeLimit {
    /** The longest float array a JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private BatchSizeLimit() {}

    /**
     * @param param the param the message names, e.g. {@code inferenceBatchSize}
     * @throws IllegalArgumentException if {@code batchSize} rows of the widest layer overflow one array
     */
    public static void check(String param, int batchSize, NetworkSpec spec) {
        long widest = spec.inputShape().size();
        for (int i = 0; i < spec.layers().size(); i++) {
            widest = Math.max(widest, spec.outputShape(i).size());
        }
        long floats = (long) batchSize * widest;
        if (floats > MAX_ARRAY) {
            throw new IllegalArgumentException(param + " " + batchSize + " is too large for this network: "
                    + batchSize + " rows x " + widest + " values (its widest layer) = " + floats + " floats, more than "
                    + "one Java array holds (" + MAX_ARRAY + "). Set " + param + " to at most " + MAX_ARRAY / widest
                    + "; a few hundred rows already keep the GEMMs efficient.");
        }
    }
}
