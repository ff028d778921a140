package io.sparknn.nn.layer;

/** A network spec is inconsistent: the message names the layer index, the values and the fix. */
public final class InvalidNetworkException extends IllegalArgumentException {
    public InvalidNetworkException(String message) {
        super(message);
    }

    public InvalidNetworkException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * How messages name a layer: {@code Layer 3 (Conv2D 32 3x3)}; a negative index (a spec used
     * outside a network) omits the position.
     */
    public static String layer(int index, String label) {
        return index >= 0 ? "Layer " + index + " (" + label + ")" : "Layer " + label;
    }
}
