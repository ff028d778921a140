package io.sparknn.testing;

import io.sparknn.data.LabeledSamples;
import io.sparknn.tensor.Shape;
import java.util.SplittableRandom;

/**
 * A synthetic sequence classification task that needs memory: every sequence holds the two
 * marker tokens {@link #FIRST_MARKER} and {@link #SECOND_MARKER} exactly once, at random
 * positions, among uniformly drawn noise tokens; the label is 1 when the first marker comes
 * before the second, else 0. Both classes contain the same tokens with the same distribution,
 * so token counts (a bag of words) carry no signal: a model must remember which marker it saw
 * first, across a gap of up to the whole sequence.
 *
 * <p>Samples are {@code [time]} token ids stored as floats, right-padded with {@link #PADDING}
 * after a length drawn uniformly from {@code [minLength, time]}; labels are class indices for
 * softmax cross-entropy. Classes are balanced in expectation. The same arguments give the same
 * data.
 */
public final class TokenOrderTask {
    /** The padding id (give the Embedding {@code paddingIndex = 0}). */
    public static final int PADDING = 0;

    public static final int FIRST_MARKER = 1;
    public static final int SECOND_MARKER = 2;
    /** Noise ids are {@code [FIRST_NOISE, vocabulary)}. */
    public static final int FIRST_NOISE = 3;

    private TokenOrderTask() {}

    /**
     * @param samples    number of sequences
     * @param vocabulary number of token ids, at least 4 (padding, two markers, noise)
     * @param time       padded sequence length, at least 2
     * @param minLength  shortest unpadded length, in {@code [2, time]}
     */
    public static LabeledSamples generate(int samples, int vocabulary, int time, int minLength, long seed) {
        if (samples < 1 || vocabulary < FIRST_NOISE + 1 || time < 2 || minLength < 2 || minLength > time) {
            throw new IllegalArgumentException("TokenOrderTask needs samples >= 1, vocabulary >= 4, time >= 2 and "
                    + "minLength in [2, time]; got samples=" + samples + " vocabulary=" + vocabulary + " time=" + time
                    + " minLength=" + minLength);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[samples * time];
        float[] y = new float[samples];
        for (int s = 0; s < samples; s++) {
            int len = minLength + rng.nextInt(time - minLength + 1);
            int o = s * time;
            for (int t = 0; t < len; t++) {
                x[o + t] = FIRST_NOISE + rng.nextInt(vocabulary - FIRST_NOISE);
            }
            // Two distinct positions p < q; the label decides which marker goes first.
            int p = rng.nextInt(len);
            int q = rng.nextInt(len - 1);
            if (q >= p) {
                q++;
            } else {
                int tmp = p;
                p = q;
                q = tmp;
            }
            boolean firstBeforeSecond = rng.nextBoolean();
            x[o + p] = firstBeforeSecond ? FIRST_MARKER : SECOND_MARKER;
            x[o + q] = firstBeforeSecond ? SECOND_MARKER : FIRST_MARKER;
            y[s] = firstBeforeSecond ? 1f : 0f;
        }
        return new LabeledSamples(x, Shape.of(time), y, 1, null);
    }
}
