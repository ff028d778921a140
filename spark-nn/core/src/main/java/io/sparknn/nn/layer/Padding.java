package io.sparknn.nn.layer;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a convolution or pooling window treats the borders, as in Keras. {@code valid}: no
 * padding, the window stays inside the input, {@code out = floor((in - k) / s) + 1}.
 * {@code same}: {@code out = ceil(in / s)}, with the padding needed for that split as evenly as
 * possible and the odd element at the bottom/right (TensorFlow's rule).
 */
public enum Padding {
    VALID("valid"),
    SAME("same");

    private final String keyword;

    Padding(String keyword) {
        this.keyword = keyword;
    }

    /** The Keras keyword: {@code valid} or {@code same}. */
    public String keyword() {
        return keyword;
    }

    /**
     * Output length along one axis of length {@code in} for window {@code k} and stride
     * {@code s}; 0 when a {@code valid} window does not fit.
     */
    public int outputSize(int in, int k, int s) {
        return this == SAME ? (in + s - 1) / s : (in < k ? 0 : (in - k) / s + 1);
    }

    /** Padding before the first element (top or left) along one axis. */
    public int padBefore(int in, int k, int s) {
        if (this == VALID) {
            return 0;
        }
        int total = Math.max((outputSize(in, k, s) - 1) * s + k - in, 0);
        return total / 2;
    }

    /** Parses a keyword (case-insensitive); null means {@code valid}. */
    public static Padding fromKeyword(String name) {
        if (name == null) {
            return VALID;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Padding p : values()) {
            if (p.keyword.equals(n)) {
                return p;
            }
        }
        throw new InvalidNetworkException("Unknown padding '" + name + "'. Use one of: "
                + Arrays.stream(values()).map(Padding::keyword).toList() + ".");
    }
}
