package io.sparknn.init;

import java.util.SplittableRandom;

/**
 * Keras's VarianceScaling: values with variance {@code scale / fan}, drawn either uniformly
 * from {@code [-limit, limit)} with {@code limit = sqrt(3 * scale / fan)}, or from a normal
 * distribution truncated at two of its standard deviations.
 *
 * <p>The truncated normal follows Keras: the untruncated standard deviation is
 * {@code sqrt(scale / fan) / 0.8796...}, where 0.8796 is the standard deviation of a unit
 * normal truncated to [-2, 2], so that the values drawn have the target standard deviation
 * {@code sqrt(scale / fan)}. Out-of-range draws are redrawn.
 */
record VarianceScaling(String name, double scale, FanMode mode, boolean uniform) implements Initializer {

    /** Standard deviation of a unit normal truncated to [-2, 2]. */
    static final double TRUNCATED_STD = 0.87962566103423978;

    @Override
    public void fill(float[] w, int offset, int length, int fanIn, int fanOut, SplittableRandom rng) {
        FillArguments.checkSlice(name, w, offset, length);
        double variance = scale / mode.fan(name, fanIn, fanOut);
        if (uniform) {
            double limit = Math.sqrt(3 * variance);
            for (int i = offset, end = offset + length; i < end; i++) {
                w[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
            }
        } else {
            double sigma = Math.sqrt(variance) / TRUNCATED_STD;
            for (int i = offset, end = offset + length; i < end; i++) {
                double z;
                do {
                    z = rng.nextGaussian();
                } while (Math.abs(z) > 2);
                w[i] = (float) (z * sigma);
            }
        }
    }
}
