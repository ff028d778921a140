package io.sparknn.backend;

/** A backend could not be created or a native call failed; the message says which and why. */
public final class BackendException extends RuntimeException {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
