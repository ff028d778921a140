package io.sparknn.loss;

import java.util.Locale;

/** Losses by their config names (Keras' names are accepted as aliases). */
public final class Losses {
    private Losses() {}

    public static Loss byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case SoftmaxCrossEntropy.NAME, "sparse_categorical_crossentropy", "cross_entropy" ->
                new SoftmaxCrossEntropy();
            case BinaryCrossEntropy.NAME, "binary_crossentropy" -> new BinaryCrossEntropy();
            case MeanSquaredError.NAME, "mean_squared_error" -> new MeanSquaredError();
            default ->
                throw new IllegalArgumentException(
                        "Unknown loss '" + name + "'. Use one of: " + SoftmaxCrossEntropy.NAME + ", "
                                + BinaryCrossEntropy.NAME + ", " + MeanSquaredError.NAME + ".");
        };
    }
}
