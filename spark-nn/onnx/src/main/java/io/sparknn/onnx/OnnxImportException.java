package io.sparknn.onnx;

import java.io.IOException;

/**
 * An ONNX file cannot be imported: not an ONNX model, truncated, a graph that is not a linear
 * chain, an operator or attribute the engine does not compute, or weights that do not fit. The
 * message names the file, the node (name and op_type) and what is supported.
 *
 * <p>Checked, as an {@link IOException}: the bytes of a user's file are bad, which a caller
 * handles where it handles unreadable files.
 */
public final class OnnxImportException extends IOException {
    private static final long serialVersionUID = 1L;

    public OnnxImportException(String message) {
        super(message);
    }

    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
