package io.sparknn.backend;

/**
 * Argument checks shared by the backends, so that a wrong offset or leading dimension is a
 * clear Java exception and never a native memory overrun.
 */
public final class GemmArgs {
    private GemmArgs() {}

    public static void check(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        // Stored shapes: A is (transA ? k x m : m x k), B is (transB ? n x k : k x n), C is m x n.
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
    }

    /** Elements a row-major {@code rows x cols} matrix with leading dimension ld spans. */
    public static long span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(
                    "sgemm: leading dimension of " + name + " is " + ld + " but its rows have " + cols + " columns");
        }
        long span = span(rows, cols, ld);
        if (off < 0 || off + span > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " (" + rows + " x " + cols + ", ld " + ld
                    + ") at offset " + off + " needs " + (off + span) + " floats but the array has " + x.length);
        }
    }

    public static void checkRange(String name, float[] x, int off, int n) {
        if (n < 0 || off < 0 || (long) off + n > x.length) {
            throw new IllegalArgumentException(
                    name + ": range [" + off + ", " + ((long) off + n) + ") is outside an array of " + x.length);
        }
    }
}
