package io.sparknn.backend.mkl;

import io.sparknn.backend.BackendException;
import io.sparknn.backend.Convolution;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;

/**
 * One 2-D convolution (NCHW, f32, fixed batch and geometry) with oneDNN primitives: forward,
 * backward-data and backward-weights with bias. Callers hand it plain NCHW / OIHW arrays; it
 * lets oneDNN choose its own (blocked) layouts and reorders to and from them
 * ({@link OneDnnTensor}).
 *
 * <p>Every native object is created inside one {@link NativeArena} owned by this instance and
 * released by {@link #close()}; nothing waits for a finaliser. Not thread-safe: one instance
 * per calling thread. This oneDNN build runs on OpenMP, so a call uses OpenMP's default team
 * (one thread per available CPU unless {@code OMP_NUM_THREADS} says otherwise); see
 * {@link #openMpThreads()}.
 */
public final class OneDnnConvolution implements Convolution, AutoCloseable {
    private final NativeArena arena;
    private final stream strm;
    private final OneDnnTensor x;
    private final OneDnnTensor w;
    private final OneDnnTensor b;
    private final OneDnnTensor y;
    private final OneDnnTensor dy;
    private final OneDnnTensor dyForWeights;
    private final OneDnnTensor wForData;
    private final OneDnnTensor dx;
    private final OneDnnTensor xForWeights;
    private final OneDnnTensor dw;
    private final OneDnnTensor db;
    private final primitive forward;
    private final primitive backwardData;
    private final primitive backwardWeights;
    private final IntMemoryMap forwardArgs;
    private final IntMemoryMap dataArgs;
    private final IntMemoryMap weightArgs;
    private final String implementation;
    private boolean closed;
    private Runnable onClose = () -> {};

    /**
     * @param pad {@code {top, left, bottom, right}} zero padding
     * @throws BackendException if oneDNN cannot be loaded or rejects the shapes
     */
    public OneDnnConvolution(
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
        load();
        int outH = (height + pad[0] + pad[2] - kh) / strideH + 1;
        int outW = (width + pad[1] + pad[3] - kw) / strideW + 1;
        long[] src = {batch, channels, height, width};
        long[] wei = {filters, channels, kh, kw};
        long[] bia = {filters};
        long[] out = {batch, filters, outH, outW};
        long[] strides = {strideH, strideW};
        long[] padL = {pad[0], pad[1]};
        long[] padR = {pad[2], pad[3]};
        arena = new NativeArena();
        try {
            engine eng = new engine(engine.kind.cpu, 0);
            strm = new stream(eng);
            convolution_forward.primitive_desc fpd = new convolution_forward.primitive_desc(
                    eng,
                    dnnl.dnnl_forward_training,
                    dnnl.dnnl_convolution_direct,
                    OneDnnTensor.any(src),
                    OneDnnTensor.any(wei),
                    OneDnnTensor.plain(bia),
                    OneDnnTensor.any(out),
                    strides,
                    padL,
                    padR);
            convolution_backward_data.primitive_desc dpd = new convolution_backward_data.primitive_desc(
                    eng,
                    dnnl.dnnl_convolution_direct,
                    OneDnnTensor.any(src),
                    OneDnnTensor.any(wei),
                    OneDnnTensor.any(out),
                    strides,
                    padL,
                    padR,
                    fpd);
            convolution_backward_weights.primitive_desc wpd = new convolution_backward_weights.primitive_desc(
                    eng,
                    dnnl.dnnl_convolution_direct,
                    OneDnnTensor.any(src),
                    OneDnnTensor.any(wei),
                    OneDnnTensor.plain(bia),
                    OneDnnTensor.any(out),
                    strides,
                    padL,
                    padR,
                    fpd);
            x = new OneDnnTensor(eng, src, fpd.src_desc());
            w = new OneDnnTensor(eng, wei, fpd.weights_desc());
            b = new OneDnnTensor(eng, bia, fpd.bias_desc());
            y = new OneDnnTensor(eng, out, fpd.dst_desc());
            dy = new OneDnnTensor(eng, out, dpd.diff_dst_desc());
            wForData = w.sharing(eng, dpd.weights_desc());
            dx = new OneDnnTensor(eng, src, dpd.diff_src_desc());
            xForWeights = x.sharing(eng, wpd.src_desc());
            dyForWeights = dy.sharing(eng, wpd.diff_dst_desc());
            dw = new OneDnnTensor(eng, wei, wpd.diff_weights_desc());
            db = new OneDnnTensor(eng, bia, wpd.diff_bias_desc());
            forward = new convolution_forward(fpd);
            backwardData = new convolution_backward_data(dpd);
            backwardWeights = new convolution_backward_weights(wpd);
            forwardArgs = new IntMemoryMap()
                    .put(dnnl.DNNL_ARG_SRC, x.inner())
                    .put(dnnl.DNNL_ARG_WEIGHTS, w.inner())
                    .put(dnnl.DNNL_ARG_BIAS, b.inner())
                    .put(dnnl.DNNL_ARG_DST, y.inner());
            dataArgs = new IntMemoryMap()
                    .put(dnnl.DNNL_ARG_DIFF_DST, dy.inner())
                    .put(dnnl.DNNL_ARG_WEIGHTS, wForData.inner())
                    .put(dnnl.DNNL_ARG_DIFF_SRC, dx.inner());
            weightArgs = new IntMemoryMap()
                    .put(dnnl.DNNL_ARG_SRC, xForWeights.inner())
                    .put(dnnl.DNNL_ARG_DIFF_DST, dyForWeights.inner())
                    .put(dnnl.DNNL_ARG_DIFF_WEIGHTS, dw.inner())
                    .put(dnnl.DNNL_ARG_DIFF_BIAS, db.inner());
            implementation =
                    fpd.impl_info_str().getString() + "/" + dpd.impl_info_str().getString() + "/"
                            + wpd.impl_info_str().getString();
        } catch (RuntimeException e) {
            arena.close();
            throw new BackendException(
                    "oneDNN rejected the convolution " + java.util.Arrays.toString(src) + " * "
                            + java.util.Arrays.toString(wei) + " -> " + java.util.Arrays.toString(out) + ": "
                            + e.getMessage(),
                    e);
        } finally {
            arena.seal();
        }
    }

    /** Loads oneDNN (unpacking it on first use) or throws {@link BackendException} saying why not. */
    static void load() {
        try {
            Loader.load(dnnl.class);
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: report, don't continue
            throw new BackendException(
                    "oneDNN could not be loaded: " + e
                            + ". It needs org.bytedeco:dnnl-platform for linux-x86_64 on the classpath.",
                    e);
        }
    }

    /**
     * Row-major {@code C = alpha * op(A) * op(B) + beta * C} on oneDNN's {@code dnnl_sgemm}, with
     * the operands already in native memory; a failure status becomes a {@link BackendException}.
     */
    static void sgemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            FloatPointer a,
            int lda,
            FloatPointer b,
            int ldb,
            float beta,
            FloatPointer c,
            int ldc) {
        int status = dnnl.dnnl_sgemm(
                (byte) (transA ? 'T' : 'N'),
                (byte) (transB ? 'T' : 'N'),
                m,
                n,
                k,
                alpha,
                a,
                Math.max(1, lda),
                b,
                Math.max(1, ldb),
                beta,
                c,
                ldc);
        if (status != dnnl.dnnl_success) {
            throw new BackendException("oneDNN sgemm failed with status " + status + " for m=" + m + " n=" + n + " k="
                    + k + ". Run with -Dsparknn.onednn=false to use MKL's GEMM instead.");
        }
    }

    /** E.g. {@code oneDNN 3.8.1}. */
    public static String version() {
        load();
        dnnl_version_t v = dnnl.dnnl_version();
        return "oneDNN " + v.major() + "." + v.minor() + "." + v.patch();
    }

    /**
     * The OpenMP team one call uses: {@code OMP_NUM_THREADS} when set, else the available CPUs
     * (OpenMP's default). The JavaCPP preset does not expose {@code omp_set_num_threads}, so
     * a caller that must not oversubscribe checks this instead of setting it.
     */
    public static int openMpThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null && !env.isBlank()) {
            try {
                return Integer.parseInt(env.split(",")[0].trim());
            } catch (NumberFormatException e) {
                throw new BackendException(
                        "OMP_NUM_THREADS='" + env + "' is not a thread count. Set it to a whole number such as 2.");
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The implementations oneDNN chose for forward / backward-data / backward-weights, e.g. {@code brg_conv_fwd:avx512_core}. */
    public String implementation() {
        return implementation;
    }

    /** y = conv(x, w) + bias; x, w (OIHW) and bias are kept for {@link #backward}. */
    @Override
    public void forward(float[] xs, int xOff, float[] ws, int wOff, float[] bias, int bOff, float[] ys, int yOff) {
        checkOpen();
        x.load(xs, xOff, strm);
        w.load(ws, wOff, strm);
        b.load(bias, bOff, strm);
        forward.execute(strm, forwardArgs);
        y.store(ys, yOff, strm);
    }

    /**
     * The gradients of the last {@link #forward}: dx (skipped when {@code dxs} is null), dw and
     * db, which are overwritten.
     */
    @Override
    public void backward(
            float[] dys, int dyOff, float[] dxs, int dxOff, float[] dws, int dwOff, float[] dbs, int dbOff) {
        checkOpen();
        dy.load(dys, dyOff, strm);
        if (dxs != null) {
            wForData.refresh(strm);
            backwardData.execute(strm, dataArgs);
            dx.store(dxs, dxOff, strm);
        }
        xForWeights.refresh(strm);
        dyForWeights.refresh(strm);
        backwardWeights.execute(strm, weightArgs);
        dw.store(dws, dwOff, strm);
        db.store(dbs, dbOff, strm);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This OneDnnConvolution is closed; create a new one.");
        }
    }

    /** Run once when this convolution closes: the creating backend stops counting it as live. */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Frees every native object of this convolution. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
            onClose.run();
        }
    }
}
