package io.sparknn.nn.layer;

/**
 * What a forward pass needs besides its input: whether it is training (dropout active, batch
 * statistics), the seed of this step's random choices, the position of the call's first sample
 * in the global batch, whether a training pass updates the layers' state (running statistics),
 * and the per-sample sequence lengths. Random choices are drawn per sample from (seed,
 * position), so a batch split across threads or workers draws exactly what the whole batch
 * would. Replicas that share one state array let exactly one of them update it
 * ({@code updateState}), so the update is deterministic and free of races; it is ignored when
 * not training.
 *
 * <p>{@code lengths}, when not null, holds the number of valid (non-padding) time steps of each
 * sample of the call, for sequence layers on right-padded input; null means every step is
 * valid. {@link Network} fills it when its first layer is an {@link Embedding} with a padding
 * index. The array is compared by identity and must not change during the call.
 */
public record ForwardContext(boolean training, long seed, long sampleOffset, boolean updateState, int[] lengths) {
    /** Inference: no randomness, no state updates. */
    public static final ForwardContext INFERENCE = new ForwardContext(false, 0L, 0L, false, null);

    public ForwardContext(boolean training, long seed, long sampleOffset, boolean updateState) {
        this(training, seed, sampleOffset, updateState, null);
    }

    /** A context that updates state whenever it is training. */
    public ForwardContext(boolean training, long seed, long sampleOffset) {
        this(training, seed, sampleOffset, training, null);
    }

    /** A context that updates state whenever it is training. */
    public ForwardContext(boolean training, long seed) {
        this(training, seed, 0L);
    }

    /** The context the layer at {@code layerIndex} sees: an independent seed per layer. */
    public ForwardContext forLayer(int layerIndex) {
        return new ForwardContext(
                training, mix(seed + 0x9E3779B97F4A7C15L * (layerIndex + 1)), sampleOffset, updateState, lengths);
    }

    /** This context with per-sample sequence lengths ({@code null}: all steps valid). */
    public ForwardContext withLengths(int[] lengths) {
        return new ForwardContext(training, seed, sampleOffset, updateState, lengths);
    }

    /** The seed of sample {@code i} of this call (0-based within the call). */
    public long sampleSeed(int i) {
        return mix(seed + 0xD1B54A32D192ED03L * (sampleOffset + i + 1));
    }

    /** SplitMix64's finaliser: spreads nearby seeds to unrelated ones. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
