package io.sparknn.backend;

/**
 * A backend's native 2-D convolution for one fixed geometry and batch size (NCHW input, OIHW
 * kernel, per-filter bias), as {@link Backend#convolution} hands it out. Not thread-safe: one per
 * calling thread.
 *
 * <p>Owned by the caller that asked for it (a network's layer), who closes it when its own
 * lifetime ends; the backend only frees what is still open when the backend itself closes.
 */
public interface Convolution extends AutoCloseable {
    /** {@code y = conv(x, w) + bias}; remembers x, w and bias for {@link #backward}. */
    void forward(float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff);

    /**
     * The gradients of the last {@link #forward} for the output gradient dy: the input gradient
     * (skipped when {@code dx} is null), the kernel and the bias gradients, all overwritten.
     */
    void backward(float[] dy, int dyOff, float[] dx, int dxOff, float[] dw, int dwOff, float[] dbias, int dbiasOff);

    /** Frees the native primitive and its buffers. Idempotent. */
    @Override
    void close();
}
