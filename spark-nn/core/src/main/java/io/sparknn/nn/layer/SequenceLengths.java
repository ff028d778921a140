package io.sparknn.nn.layer;

/**
 * Valid lengths of right-padded sequences: computed by {@link Network} from the token ids of a
 * leading {@link Embedding} with a padding index, and read by the sequence layers from the
 * {@link ForwardContext}.
 */
public final class SequenceLengths {
    private SequenceLengths() {}

    /**
     * For each of {@code batch} samples of {@code time} token ids: the position of the last id
     * that is not {@code paddingIndex}, plus one (0 for an all-padding sample). A padding id
     * before that position counts as a step (its embedding is zeros).
     */
    public static int[] fromTokens(float[] ids, int batch, int time, int paddingIndex, int[] reuse) {
        int[] lengths = reuse != null && reuse.length >= batch ? reuse : new int[batch];
        float pad = paddingIndex;
        for (int b = 0; b < batch; b++) {
            int base = b * time;
            int len = time;
            while (len > 0 && ids[base + len - 1] == pad) {
                len--;
            }
            lengths[b] = len;
        }
        return lengths;
    }

    /**
     * Copies the context's lengths of {@code batch} samples into {@code reuse} (grown if needed)
     * after checking them against {@code time}; null when the context has none.
     */
    static int[] copy(ForwardContext ctx, int batch, int time, String layer, int[] reuse) {
        int[] lengths = ctx.lengths();
        if (lengths == null) {
            return null;
        }
        if (lengths.length < batch) {
            throw new IllegalArgumentException(layer + " received sequence lengths for " + lengths.length
                    + " samples but the batch has " + batch + ". Pass one length per sample.");
        }
        int[] out = reuse != null && reuse.length >= batch ? reuse : new int[batch];
        for (int b = 0; b < batch; b++) {
            int len = lengths[b];
            if (len < 0 || len > time) {
                throw new IllegalArgumentException(layer + " received length " + len + " for sample " + b
                        + " but its input has " + time + " time steps. Lengths must be in [0, " + time + "].");
            }
            out[b] = len;
        }
        return out;
    }

    /** The longest of the first {@code batch} lengths, or {@code time} when there are none. */
    static int max(int[] lengths, int batch, int time) {
        if (lengths == null) {
            return time;
        }
        int max = 0;
        for (int b = 0; b < batch; b++) {
            max = Math.max(max, lengths[b]);
        }
        return max;
    }
}
