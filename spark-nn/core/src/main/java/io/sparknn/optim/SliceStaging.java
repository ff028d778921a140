package io.sparknn.optim;

/**
 * Hands the update loops arrays that all start at the first parameter of the slice.
 *
 * <p>Why: C2 in JDK 17 vectorizes a loop only when every float array in it is indexed by the
 * same expression, because it cannot rule out that {@code w} and a slot are the same array.
 * A loop over {@code w[offset + j]} and {@code m[j]} therefore runs scalar, about ten times
 * slower. A slice at offset 0 is used in place; any other slice is copied into the state's
 * working buffers, updated there and copied back, which costs three array copies but keeps
 * the loop vectorized. Both paths do the same float operations, so results are bit-identical.
 */
final class SliceStaging {
    private SliceStaging() {}

    /** The weights to update: {@code w} itself at offset 0, otherwise a copy of the slice. */
    static float[] weights(float[] w, int offset, int length, OptimizerState state) {
        if (offset == 0) {
            return w;
        }
        float[] staged = state.stagedWeights();
        System.arraycopy(w, offset, staged, 0, length);
        return staged;
    }

    /** The gradients to read: {@code g} itself at offset 0, otherwise a copy of the slice. */
    static float[] gradients(float[] g, int offset, int length, OptimizerState state) {
        if (offset == 0) {
            return g;
        }
        float[] staged = state.stagedGradients();
        System.arraycopy(g, offset, staged, 0, length);
        return staged;
    }

    /** Copies updated weights back into {@code w} if they were staged. */
    static void commit(float[] updated, float[] w, int offset, int length) {
        if (updated != w) {
            System.arraycopy(updated, 0, w, offset, length);
        }
    }
}
