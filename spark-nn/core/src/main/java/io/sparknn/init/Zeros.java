package io.sparknn.init;

import java.util.Arrays;
import java.util.SplittableRandom;

/** All zeros, the usual start for biases. Ignores the fans and draws nothing from the rng. */
final class Zeros implements Initializer {
    static final Zeros INSTANCE = new Zeros();

    private Zeros() {}

    @Override
    public String name() {
        return "zeros";
    }

    @Override
    public void fill(float[] w, int offset, int length, int fanIn, int fanOut, SplittableRandom rng) {
        FillArguments.checkSlice(name(), w, offset, length);
        Arrays.fill(w, offset, offset + length, 0f);
    }

    @Override
    public String toString() {
        return name();
    }
}
