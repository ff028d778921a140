package io.sparknn.backend;

/**
 * A backend without native convolutions: its Conv2D layers run im2col + {@link #sgemm} even
 * where the wrapped backend would hand them oneDNN's, so a network on it holds no native memory
 * of its own and needs no owner to close it (one-row prediction caches such networks).
 * {@code bench conv} times the two paths side by side with it. Closing it closes the wrapped
 * backend: never close a view of the process-wide one.
 */
public final class GemmOnlyBackend implements Backend {
    private final Backend inner;

    public GemmOnlyBackend(Backend inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String version() {
        return inner.version();
    }

    @Override
    public int threads() {
        return inner.threads();
    }

    @Override
    public void sgemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        inner.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void exp(int n, float[] x, int xOff, float[] y, int yOff) {
        inner.exp(n, x, xOff, y, yOff);
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        inner.tanh(n, x, xOff, y, yOff);
    }

    /** None: that is the point of this backend. */
    @Override
    public Convolution convolution(
            int batch,
            int channels,
            int height,
            int width,
            int filters,
            int kh,
            int kw,
            int strideH,
            int strideW,
            int[] pad) {
        return null;
    }

    @Override
    public void close() {
        inner.close();
    }
}
