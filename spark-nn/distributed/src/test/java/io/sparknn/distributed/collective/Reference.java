package io.sparknn.distributed.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/** Serial reference results and input data for the collective tests. */
final class Reference {
    private Reference() {}

    /**
     * One array per rank, values spread over six orders of magnitude with both signs, so that a
     * different summation order would almost surely change some bits.
     */
    static float[][] inputs(long seed, int ranks, int arrayLength) {
        Random random = new Random(seed);
        double[] scales = {1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3};
        float[][] in = new float[ranks][arrayLength];
        for (float[] a : in) {
            for (int i = 0; i < arrayLength; i++) {
                a[i] = (float) ((random.nextDouble() * 2 - 1) * scales[random.nextInt(scales.length)]);
            }
        }
        return in;
    }

    static float[][] copy(float[][] in) {
        float[][] out = new float[in.length][];
        for (int r = 0; r < in.length; r++) {
            out[r] = in[r].clone();
        }
        return out;
    }

    /**
     * The documented result of a sum over {@code [offset, offset+length)}: slice c added in float
     * in the ring order c+1, c+2, ..., c (ranks modulo n). Elements outside the range are {@code
     * rank}'s input: they must be untouched.
     */
    static float[] ringOrderSum(float[][] in, int offset, int length, int rank) {
        int n = in.length;
        float[] out = in[rank].clone();
        for (int c = 0; c < n; c++) {
            for (int i = Collective.sliceStart(c, n, length); i < Collective.sliceEnd(c, n, length); i++) {
                float acc = in[(c + 1) % n][offset + i];
                for (int k = 2; k <= n; k++) {
                    acc += in[(c + k) % n][offset + i];
                }
                out[offset + i] = acc;
            }
        }
        return out;
    }

    /**
     * Checks {@code actual} against the exact (double) sum. Recursive float summation of n terms
     * errs by at most about (n-1)·2^-24·Σ|x|, so that bound (times 2 for slack) is the tolerance.
     */
    static void assertCloseToExactSum(float[][] in, int offset, int length, float[] actual) {
        int n = in.length;
        for (int i = offset; i < offset + length; i++) {
            double exact = 0;
            double magnitude = 0;
            for (float[] a : in) {
                exact += a[i];
                magnitude += Math.abs(a[i]);
            }
            double tolerance = 2 * Math.max(1, n - 1) * Math.ulp(1f) / 2 * magnitude;
            if (!(Math.abs(actual[i] - exact) <= tolerance)) {
                throw new AssertionError(
                        "element " + i + ": " + actual[i] + " vs exact " + exact + " (tolerance " + tolerance + ")");
            }
        }
    }

    /** Asserts bit-identical arrays, naming the first differing index. */
    static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + " but " + expected[i]
                        + " was expected (bit-exact)");
            }
        }
    }
}
