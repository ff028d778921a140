package io.sparknn.optim;

/**
 * Clipping by global L2 norm, split in two so the norm can be summed across workers:
 * each worker computes {@link #sumOfSquares} of its slice, the sums are added (all-reduce),
 * and every worker passes {@link #clipScale} of the total as (a factor of) {@code gradScale}
 * to {@link Optimizer#step}.
 *
 * <p>If the gradients will also be multiplied by a factor {@code c} (such as
 * {@code 1 / batchSize}) compute the sum of squares of the scaled gradient, i.e. multiply the
 * raw sum by {@code c * c}, so that the clipped norm refers to the gradient the optimizer sees.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /** Sum of {@code g[i]^2} over {@code [offset, offset + length)}, accumulated in double. */
    public static double sumOfSquares(float[] g, int offset, int length) {
        if (g == null || offset < 0 || length < 0 || (long) offset + length > g.length) {
            throw new IllegalArgumentException("Slice [offset " + offset + ", length " + length
                    + ") does not fit the gradient array of "
                    + (g == null ? "null" : g.length + " values") + ".");
        }
        double sum = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            double x = g[i];
            sum += x * x;
        }
        return sum;
    }

    /**
     * The factor that brings the global gradient norm down to {@code maxNorm}:
     * {@code min(1, maxNorm / sqrt(globalSumOfSquares))}.
     *
     * @param globalSumOfSquares the sum of {@link #sumOfSquares} over all slices
     * @param maxNorm the largest allowed norm; {@code maxNorm <= 0} disables clipping and the
     *     factor is always 1
     * @return the factor, 1 when the norm is already at most {@code maxNorm}
     * @throws IllegalArgumentException if the sum is negative, NaN or infinite: a non-finite
     *     gradient cannot be clipped into a meaningful update
     */
    public static float clipScale(double globalSumOfSquares, double maxNorm) {
        if (!(globalSumOfSquares >= 0) || Double.isInfinite(globalSumOfSquares)) {
            throw new IllegalArgumentException("The gradient sum of squares must be finite and >= 0,"
                    + " got " + globalSumOfSquares + ". The loss has probably diverged (NaN or"
                    + " infinite gradients); lower the learning rate or check the input data.");
        }
        if (Double.isNaN(maxNorm)) {
            throw new IllegalArgumentException(
                    "maxNorm must be a number, got NaN. Use a value" + " <= 0 to disable clipping.");
        }
        double norm = Math.sqrt(globalSumOfSquares);
        if (maxNorm <= 0 || norm <= maxNorm) {
            return 1f;
        }
        return (float) (maxNorm / norm);
    }
}
