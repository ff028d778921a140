package io.sparknn.keras;

import java.io.IOException;

/**
 * A Keras model file cannot be imported: not a Keras file, truncated, a layer or setting the
 * engine does not compute, or weights that do not fit the layer. The message names the file,
 * the layer (name and class) and what is supported.
 *
 * <p>Checked, as an {@link IOException}: the bytes of a user's file are bad, which a caller
 * handles where it handles unreadable files.
 */
public final class KerasImportException extends IOException {
    private static final long serialVersionUID = 1L;

    public KerasImportException(String message) {
        super(message);
    }

    public KerasImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
