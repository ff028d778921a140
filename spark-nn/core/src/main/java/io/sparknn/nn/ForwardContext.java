package io.sparknn.nn;

/**
 * What a forward pass needs besides its input: whether it is training (dropout active,
 * batch statistics) and the seed for this step's random choices. Seeds are derived by the
 * trainer from (user seed, epoch, step, worker), so a run is reproducible.
 */
public record ForwardContext(boolean training, long seed) {
    /** Inference: no randomness. */
    public static final ForwardContext INFERENCE = new ForwardContext(false, 0L);

    /** The context the layer at {@code layerIndex} sees: an independent seed per layer. */
    public ForwardContext forLayer(int layerIndex) {
        return new ForwardContext(training, mix(seed + 0x9E3779B97F4A7C15L * (layerIndex + 1)));
    }

    /** SplitMix64's finaliser: spreads nearby seeds to unrelated ones. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
