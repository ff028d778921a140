package io.sparknn.optim.config;

/** Range checks for configuration values, with messages naming the JSON key and the value. */
public final class HyperParameter {
    private HyperParameter() {}

    public static double nonNegative(String owner, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + " " + key + " must be finite and >= 0, got " + value + ".");
        }
        return value;
    }

    public static double positive(String owner, String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + " " + key + " must be finite and > 0, got " + value + ".");
        }
        return value;
    }

    /** A decay factor such as beta1 or rho: in [0, 1). */
    public static double decay(String owner, String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(
                    owner + " " + key + " must be in [0, 1), got " + value + ". Typical values are 0.9 to 0.999.");
        }
        return value;
    }

    public static long atLeast(String owner, String key, long min, long value) {
        if (value < min) {
            throw new IllegalArgumentException(owner + " " + key + " must be >= " + min + ", got " + value + ".");
        }
        return value;
    }
}
