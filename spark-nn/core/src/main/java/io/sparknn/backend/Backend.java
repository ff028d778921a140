package io.sparknn.backend;

/**
 * The math kernels the engine needs, behind one small interface so that layers never call
 * native code directly. All matrices are row-major {@code float[]} with an offset and a
 * leading dimension, exactly as in CBLAS with {@code CblasRowMajor}.
 *
 * <p>Implementations are thread-safe: Spark may run several workers in one JVM. Each call uses
 * at most {@link #threads()} threads.
 */
public interface Backend extends AutoCloseable {

    /** Short name, as given to {@code -Dsparknn.backend}: {@code mkl} or {@code java}. */
    String name();

    /** The library and version behind the backend, for logs and benchmark lines. */
    String version();

    /** The library that runs {@link #sgemm} (e.g. {@code onednn} inside the mkl backend); benchmarks report it. */
    default String gemm() {
        return name();
    }

    /** The number of threads one call may use. */
    int threads();

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with {@code op(A)} of shape m x k and
     * {@code op(B)} of shape k x n. When {@code beta == 0}, C is not read (NaN in C is ignored).
     */
    void sgemm(
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
            int ldc);

    /** {@code y[yOff + i] = exp(x[xOff + i])} for {@code i < n}; x and y may be the same range. */
    void exp(int n, float[] x, int xOff, float[] y, int yOff);

    /** {@code y[yOff + i] = tanh(x[xOff + i])} for {@code i < n}; x and y may be the same range. */
    void tanh(int n, float[] x, int xOff, float[] y, int yOff);

    /**
     * A native convolution of {@code batch} samples {@code [channels, height, width]} with
     * {@code filters} kernels {@code kh x kw}, the given strides and zero padding
     * {@code {top, left, bottom, right}}, owned by the caller, who closes it; or null when the
     * backend has none for it (layers then use im2col and {@link #sgemm}). The default has none.
     */
    default Convolution convolution(
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

    /**
     * The native convolutions this backend handed out that their owners have not closed yet.
     * The process-wide backend lives as long as the JVM, so every one of them stays in memory
     * until its owner (a {@code Network}) is closed: a count that keeps growing is a leak.
     */
    default int liveConvolutions() {
        return 0;
    }

    /** Releases native memory and threads. Idempotent. The default backend is never closed. */
    @Override
    void close();
}
