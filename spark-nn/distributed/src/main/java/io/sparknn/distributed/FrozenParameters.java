package io.sparknn.distributed;

import java.util.Arrays;

/**
 * The parameter ranges fine-tuning keeps fixed, with their values at the start of the run.
 * Zeroing their gradients is not enough on its own (weight decay and momentum still move them),
 * so their values are also written back after every optimizer update.
 */
final class FrozenParameters {
    private final int[] ranges;
    private final float[] values;

    /** @param ranges {@code [from, to)} pairs; {@code params} are the values to keep */
    FrozenParameters(int[] ranges, float[] params) {
        this.ranges = ranges.clone();
        this.values = ranges.length > 0 ? params.clone() : null;
    }

    void zeroGradients(float[] grads) {
        for (int k = 0; k < ranges.length; k += 2) {
            Arrays.fill(grads, ranges[k], ranges[k + 1], 0f);
        }
    }

    void restore(float[] params) {
        for (int k = 0; k < ranges.length; k += 2) {
            System.arraycopy(values, ranges[k], params, ranges[k], ranges[k + 1] - ranges[k]);
        }
    }
}
