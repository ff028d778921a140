package io.sparknn.train;

/**
 * Every random choice of training comes from a seed derived here from the user's seed, so the
 * same configuration and seed give the same model, locally and on any number of workers.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** Seed of the shuffle of epoch {@code epoch} (0-based) on worker {@code worker}. */
    public static long shuffle(long seed, int epoch, int worker) {
        return mix(mix(mix(seed ^ 0x5348554646L) + epoch * GOLDEN) + worker * GOLDEN);
    }

    /** Seed of the dropout masks of global step {@code step} (0-based). */
    public static long step(long seed, long step) {
        return mix(mix(seed ^ 0x44524F50L) + step * GOLDEN);
    }

    /** SplitMix64's finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
