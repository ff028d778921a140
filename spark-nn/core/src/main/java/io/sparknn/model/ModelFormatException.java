package io.sparknn.model;

import java.io.IOException;

/**
 * A model file is not a valid spark-nn model file: wrong magic, unsupported version,
 * truncation, checksum mismatch or an inconsistent section. The message names the file (when
 * known), the problem with the actual values, and what to do about it.
 *
 * <p>It is a checked {@link IOException} on purpose: a reader must handle "the bytes are bad"
 * wherever it handles "the bytes could not be read", and one {@code catch (IOException e)}
 * covers both.
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
