package io.sparknn.backend.mkl;

import io.sparknn.backend.Backend;
import io.sparknn.backend.BackendException;
import io.sparknn.backend.Convolution;
import io.sparknn.backend.GemmArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.mkl.global.mkl_rt;

/**
 * Intel MKL through the JavaCPP presets: cblas_sgemm and VML. The only class that calls MKL.
 *
 * <p>Where oneDNN may run (its OpenMP team fits the thread budget, see {@link OneDnnConvolutions})
 * the matrix products go to oneDNN's {@code dnnl_sgemm} instead of MKL's: on AMD processors MKL
 * takes a generic AVX2 path while oneDNN picks its kernels by instruction set, measured at 207-218
 * against 92-95 GFLOP/s per core for the seed-000 MLP's products on this project's AVX-512 AMD
 * build machines. Both are plain float32 GEMMs; only the order of the sums inside differs.
 *
 * <p>JavaCPP passes a {@code float[]} argument by copying the WHOLE array into and out of
 * native memory on every call, which for a layer's view into the flat parameter array means
 * copying every parameter of the network. So a call borrows a set of native staging buffers,
 * copies in only the region an operand spans, copies back only C, and returns the set. The
 * sets live in a pool rather than per thread: Spark task threads come and go over a driver's
 * life, and per-thread buffers would pile up with them, while the pool holds one set per call
 * that ever ran at the same time. The sets belong to this backend and are freed by
 * {@link #close()}, never by a finaliser.
 */
public final class MklBackend implements Backend {
    private final int threads;
    private final String version;
    private final List<Staging> allStaging = new ArrayList<>();
    private final ConcurrentLinkedDeque<Staging> idleStaging = new ConcurrentLinkedDeque<>();
    /** MKL's thread count is per calling thread with _Local; set once on each thread that calls. */
    private final ThreadLocal<Boolean> mklThreadsSet = ThreadLocal.withInitial(() -> false);

    private final OneDnnConvolutions convolutions;
    private volatile boolean closed;

    private MklBackend(int threads, String version) {
        this.threads = threads;
        this.version = version;
        this.convolutions = new OneDnnConvolutions(threads);
    }

    /** Loads MKL (unpacking it on first use) or throws {@link BackendException} saying why not. */
    public static MklBackend create(int threads) {
        try {
            Loader.load(mkl_rt.class);
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: report, don't continue
            throw new BackendException(
                    "Intel MKL could not be loaded: " + e
                            + ". It needs org.bytedeco:mkl-platform-redist for linux-x86_64 on the classpath.",
                    e);
        }
        byte[] buf = new byte[256];
        mkl_rt.MKL_Get_Version_String(buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        String v = new String(buf, 0, len, java.nio.charset.StandardCharsets.US_ASCII).trim();
        return new MklBackend(threads, v.isEmpty() ? "Intel MKL" : v);
    }

    /** E.g. "Intel MKL 2025.2 ... + oneDNN 3.8.1 (GEMM, convolutions)" when oneDNN runs. */
    @Override
    public String version() {
        return convolutions.enabled()
                ? version + " + " + OneDnnConvolution.version() + " (GEMM, convolutions)"
                : version;
    }

    /** Whether matrix products run on oneDNN's sgemm (else MKL's cblas_sgemm). */
    public boolean oneDnnGemm() {
        return convolutions.enabled();
    }

    @Override
    public String gemm() {
        return oneDnnGemm() ? "onednn" : "mkl";
    }

    /** oneDNN's convolution when it may run here (see {@link OneDnnConvolutions}), else null for im2col. */
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
        if (closed) {
            throw new BackendException("The mkl backend was closed; create a new one.");
        }
        return convolutions.create(batch, channels, height, width, filters, kh, kw, strideH, strideW, pad);
    }

    @Override
    public String name() {
        return "mkl";
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
        Staging s = borrowStaging();
        try {
            gemm(
                    s,
                    convolutions.enabled(),
                    transA,
                    transB,
                    m,
                    n,
                    k,
                    alpha,
                    a,
                    aOff,
                    lda,
                    b,
                    bOff,
                    ldb,
                    beta,
                    c,
                    cOff,
                    ldc);
        } finally {
            idleStaging.push(s);
        }
    }

    private static void gemm(
            Staging s,
            boolean oneDnn,
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
        int aSpan = (int) GemmArgs.span(transA ? k : m, transA ? m : k, lda);
        int bSpan = (int) GemmArgs.span(transB ? n : k, transB ? k : n, ldb);
        int cSpan = (int) GemmArgs.span(m, n, ldc);
        FloatPointer pa = s.a(Math.max(1, aSpan));
        FloatPointer pb = s.b(Math.max(1, bSpan));
        FloatPointer pc = s.c(cSpan);
        pa.put(a, aOff, aSpan);
        pb.put(b, bOff, bSpan);
        if (beta != 0f || ldc != n) { // with gaps between rows, keep them intact
            pc.put(c, cOff, cSpan);
        }
        if (oneDnn && k > 0) { // with k = 0 oneDNN leaves C as it is; MKL scales it by beta
            OneDnnConvolution.sgemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            pc.get(c, cOff, cSpan);
            return;
        }
        mkl_rt.cblas_sgemm(
                mkl_rt.CblasRowMajor,
                transA ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans,
                transB ? mkl_rt.CblasTrans : mkl_rt.CblasNoTrans,
                m,
                n,
                k,
                alpha,
                pa,
                Math.max(1, lda),
                pb,
                Math.max(1, ldb),
                beta,
                pc,
                ldc);
        pc.get(c, cOff, cSpan);
    }

    @Override
    public void exp(int n, float[] x, int xOff, float[] y, int yOff) {
        unary(n, x, xOff, y, yOff, true);
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
        unary(n, x, xOff, y, yOff, false);
    }

    private void unary(int n, float[] x, int xOff, float[] y, int yOff, boolean exp) {
        GemmArgs.checkRange("x", x, xOff, n);
        GemmArgs.checkRange("y", y, yOff, n);
        if (n == 0) {
            return;
        }
        Staging s = borrowStaging();
        try {
            FloatPointer px = s.a(n);
            FloatPointer py = s.c(n);
            px.put(x, xOff, n);
            if (exp) {
                mkl_rt.vsExp(n, px, py);
            } else {
                mkl_rt.vsTanh(n, px, py);
            }
            py.get(y, yOff, n);
        } finally {
            idleStaging.push(s);
        }
    }

    /** An idle staging set, or a new one when every set is in use by a call on another thread. */
    private Staging borrowStaging() {
        if (closed) {
            throw new BackendException("The mkl backend was closed; create a new one.");
        }
        if (!mklThreadsSet.get()) {
            mkl_rt.MKL_Set_Num_Threads_Local(threads);
            mklThreadsSet.set(true);
        }
        Staging s = idleStaging.poll();
        if (s == null) {
            s = new Staging();
            synchronized (allStaging) {
                allStaging.add(s);
            }
        }
        return s;
    }

    /** Staging sets created so far: at most the number of calls that ever ran at once. */
    int stagingSets() {
        synchronized (allStaging) {
            return allStaging.size();
        }
    }

    @Override
    public int liveConvolutions() {
        return convolutions.live();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        convolutions.close();
        synchronized (allStaging) {
            for (Staging s : allStaging) {
                s.close();
            }
            allStaging.clear();
            idleStaging.clear();
        }
    }

    /**
     * Native buffers of one thread, grown geometrically and owned by the backend. They are
     * 64-byte aligned (MKL_malloc): MKL's results are reproducible run to run only for aligned
     * operands and a fixed thread count, and seeded training must give identical weights.
     */
    private static final class Staging implements AutoCloseable {
        private static final int ALIGNMENT = 64;
        private final Pointer[] raw = new Pointer[3];
        private final FloatPointer[] buffers = new FloatPointer[3];
        private final long[] capacity = new long[3];

        FloatPointer a(long n) {
            return get(0, n);
        }

        FloatPointer b(long n) {
            return get(1, n);
        }

        FloatPointer c(long n) {
            return get(2, n);
        }

        private FloatPointer get(int i, long n) {
            if (buffers[i] == null || capacity[i] < n) {
                long cap = Math.max(n, Math.max(1024, capacity[i] * 2));
                free(i);
                Pointer p = mkl_rt.MKL_malloc(cap * Float.BYTES, ALIGNMENT);
                if (p == null || p.isNull()) {
                    throw new BackendException("MKL_malloc could not allocate " + cap * Float.BYTES
                            + " bytes of native memory for GEMM operands");
                }
                raw[i] = p;
                buffers[i] = new FloatPointer(p).capacity(cap);
                capacity[i] = cap;
            }
            return buffers[i].position(0);
        }

        private void free(int i) {
            if (raw[i] != null) {
                mkl_rt.MKL_free(raw[i]);
                raw[i] = null;
                buffers[i] = null;
                capacity[i] = 0;
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < raw.length; i++) {
                free(i);
            }
        }
    }
}
