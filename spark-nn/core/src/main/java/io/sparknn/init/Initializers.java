package io.sparknn.init;

import java.util.List;

/** The built-in initialisers, by factory method or by Keras name. */
public final class Initializers {
    /** The accepted names of {@link #byName(String)}. */
    public static final List<String> NAMES =
            List.of("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros", "orthogonal");

    private static final Initializer GLOROT_UNIFORM = new VarianceScaling("glorot_uniform", 1, FanMode.FAN_AVG, true);
    private static final Initializer GLOROT_NORMAL = new VarianceScaling("glorot_normal", 1, FanMode.FAN_AVG, false);
    private static final Initializer HE_UNIFORM = new VarianceScaling("he_uniform", 2, FanMode.FAN_IN, true);
    private static final Initializer HE_NORMAL = new VarianceScaling("he_normal", 2, FanMode.FAN_IN, false);

    private Initializers() {}

    /** Uniform in {@code [-limit, limit)}, {@code limit = sqrt(6 / (fanIn + fanOut))}. */
    public static Initializer glorotUniform() {
        return GLOROT_UNIFORM;
    }

    /**
     * Truncated normal (at 2 sigma, as in Keras) whose standard deviation is
     * {@code sqrt(2 / (fanIn + fanOut))}.
     */
    public static Initializer glorotNormal() {
        return GLOROT_NORMAL;
    }

    /** Uniform in {@code [-limit, limit)}, {@code limit = sqrt(6 / fanIn)}. */
    public static Initializer heUniform() {
        return HE_UNIFORM;
    }

    /**
     * Truncated normal (at 2 sigma, as in Keras) whose standard deviation is
     * {@code sqrt(2 / fanIn)}.
     */
    public static Initializer heNormal() {
        return HE_NORMAL;
    }

    /** All zeros. */
    public static Initializer zeros() {
        return Zeros.INSTANCE;
    }

    /**
     * A matrix with orthonormal rows (or columns, when taller than wide) of {@code fanIn} rows;
     * Keras's default for recurrent kernels.
     */
    public static Initializer orthogonal() {
        return Orthogonal.INSTANCE;
    }

    /**
     * The initialiser with this Keras name.
     *
     * @throws IllegalArgumentException listing the accepted names if {@code name} is unknown
     */
    public static Initializer byName(String name) {
        if (name == null) {
            throw unknown(null);
        }
        return switch (name) {
            case "glorot_uniform" -> GLOROT_UNIFORM;
            case "glorot_normal" -> GLOROT_NORMAL;
            case "he_uniform" -> HE_UNIFORM;
            case "he_normal" -> HE_NORMAL;
            case "zeros" -> Zeros.INSTANCE;
            case "orthogonal" -> Orthogonal.INSTANCE;
            default -> throw unknown(name);
        };
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException(
                "Unknown initializer '" + name + "'. Accepted names: " + String.join(", ", NAMES) + ".");
    }
}
