package io.sparknn.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pure-Java kernels: the fallback where MKL cannot load, and the reference the MKL backend is
 * checked against. GEMM packs transposed operands to row-major, blocks over k so a panel of B
 * stays in cache, and keeps the innermost loop a unit-stride axpy that the JIT vectorises.
 */
public final class JavaBackend implements Backend {
    /** Rows of B per panel: 128 rows x 256 floats = 128 KiB, about an L2 share per core. */
    private static final int K_BLOCK = 128;
    /** Below this many multiply-adds a call runs on the calling thread alone. */
    private static final long PARALLEL_MIN_FLOPS = 1L << 18;

    private final int threads;
    private final ExecutorService pool;
    private volatile boolean closed;

    public JavaBackend(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemonThreads()) : null;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String version() {
        return "pure Java " + Runtime.version().feature();
    }

    @Override
    public int threads() {
        return threads;
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
        GemmArgs.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        // op(A) and op(B) as row-major panels with unit stride along the row.
        final float[] ap;
        final int apOff;
        final int ldap;
        if (transA) {
            ap = transpose(a, aOff, lda, k, m);
            apOff = 0;
            ldap = k;
        } else {
            ap = a;
            apOff = aOff;
            ldap = lda;
        }
        final float[] bp;
        final int bpOff;
        final int ldbp;
        if (transB) {
            bp = transpose(b, bOff, ldb, n, k);
            bpOff = 0;
            ldbp = n;
        } else {
            bp = b;
            bpOff = bOff;
            ldbp = ldb;
        }
        long flops = (long) m * n * k;
        int parts = pool == null || flops < PARALLEL_MIN_FLOPS ? 1 : Math.min(threads, m);
        if (parts == 1) {
            gemmRows(0, m, n, k, alpha, ap, apOff, ldap, bp, bpOff, ldbp, beta, c, cOff, ldc);
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int i0 = (int) ((long) m * t / parts);
            int i1 = (int) ((long) m * (t + 1) / parts);
            tasks.add(() -> {
                gemmRows(i0, i1, n, k, alpha, ap, apOff, ldap, bp, bpOff, ldbp, beta, c, cOff, ldc);
                return null;
            });
        }
        runAll(tasks);
    }

    private static void gemmRows(
            int i0,
            int i1,
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
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
        if (alpha == 0f) {
            return;
        }
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int p1 = Math.min(k, p0 + K_BLOCK);
            for (int i = i0; i < i1; i++) {
                int ci = cOff + i * ldc;
                int ai = aOff + i * lda;
                for (int p = p0; p < p1; p++) {
                    float av = alpha * a[ai + p];
                    if (av == 0f) {
                        continue; // ReLU outputs and image pixels are often exactly zero
                    }
                    int bi = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bi + j];
                    }
                }
            }
        }
    }

    /** The {@code cols x rows} row-major transpose of the {@code rows x cols} matrix at x. */
    private static float[] transpose(float[] x, int off, int ld, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            int xi = off + r * ld;
            for (int col = 0; col < cols; col++) {
                t[col * rows + r] = x[xi + col];
            }
        }
        return t;
    }

    @Override
    public void exp(int n, float[] x, int xOff, float[] y, int yOff) {
        GemmArgs.checkRange("x", x, xOff, n);
        GemmArgs.checkRange("y", y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        GemmArgs.checkRange("x", x, xOff, n);
        GemmArgs.checkRange("y", y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    private void runAll(List<Callable<Void>> tasks) {
        if (closed) {
            throw new BackendException("The java backend was closed; create a new one.");
        }
        List<Future<Void>> futures = new ArrayList<>(tasks.size() - 1);
        for (int t = 1; t < tasks.size(); t++) {
            futures.add(pool.submit(tasks.get(t)));
        }
        try {
            tasks.get(0).call();
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("Interrupted while waiting for GEMM threads", e);
        } catch (ExecutionException e) {
            throw new BackendException("A GEMM thread failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new BackendException("GEMM failed: " + e, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sparknn-java-gemm-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
