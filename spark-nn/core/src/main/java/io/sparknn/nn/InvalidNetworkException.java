package io.sparknn.nn;

/** A network spec is inconsistent: the message names the layer index, the values and the fix. */
public final class InvalidNetworkException extends IllegalArgumentException {
    public InvalidNetworkException(String message) {
        super(message);
    }

    public InvalidNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
