package io.sparknn.nn.layer;

import java.util.Arrays;
import java.util.Locale;

/** Element-wise (softmax: per-sample) activation functions, by their Keras names. */
public enum Activation {
    LINEAR("linear", null),
    RELU("relu", "ReLU"),
    LEAKY_RELU("leaky_relu", "LeakyReLU"),
    SIGMOID("sigmoid", "Sigmoid"),
    TANH("tanh", "Tanh"),
    SOFTMAX("softmax", "Softmax");

    private final String keyword;
    private final String layerType;

    Activation(String keyword, String layerType) {
        this.keyword = keyword;
        this.layerType = layerType;
    }

    /** The Keras keyword, as in {@code Dense(10, activation="softmax")}. */
    public String keyword() {
        return keyword;
    }

    /** The JSON type of the stand-alone layer, e.g. {@code ReLU}; null for linear. */
    public String layerType() {
        return layerType;
    }

    /** Parses a keyword; null or empty means linear. Unknown names list the accepted ones. */
    public static Activation fromKeyword(String name) {
        if (name == null || name.isBlank()) {
            return LINEAR;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.keyword.equals(n)) {
                return a;
            }
        }
        throw new InvalidNetworkException("Unknown activation '" + name + "'. Use one of: "
                + Arrays.stream(values()).map(Activation::keyword).toList() + ".");
    }
}
