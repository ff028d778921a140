package io.sparknn.train;

import java.util.SplittableRandom;

/** Seeded random orders of rows (Fisher-Yates), the one shuffle every trainer uses. */
public final class Permutations {
    private Permutations() {}

    /** Fills {@code order} with a random permutation of {@code 0 .. order.length-1} drawn from {@code seed}. */
    public static void fill(int[] order, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
