package io.sparknn.backend.mkl;

import io.sparknn.backend.BackendException;
import java.util.Arrays;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;

/**
 * One 2-D max pooling (NCHW, f32, fixed batch and geometry) with oneDNN's pooling_forward
 * (training, which records the winners in a workspace) and pooling_backward primitives.
 *
 * <p>Source and destination stay in plain NCHW (format tag {@code nchw}): pooling is memory
 * bound, so a reorder to a blocked layout and back would cost as much as the pooling itself.
 * Every native object lives in one {@link NativeArena} released by {@link #close()}. Not
 * thread-safe: one instance per calling thread; a call runs on OpenMP's default team, see
 * {@link OneDnnConvolution#openMpThreads()}.
 */
public final class OneDnnMaxPooling implements AutoCloseable {
    private final NativeArena arena;
    private final stream strm;
    private final OneDnnTensor x;
    private final OneDnnTensor y;
    private final OneDnnTensor dy;
    private final OneDnnTensor dx;
    private final primitive forward;
    private final primitive backward;
    private final IntMemoryMap forwardArgs;
    private final IntMemoryMap backwardArgs;
    private final String implementation;
    private boolean closed;

    /**
     * @param pad {@code {top, left, bottom, right}}; padded positions never win
     * @throws BackendException if oneDNN cannot be loaded or rejects the shapes
     */
    public OneDnnMaxPooling(
            int batch, int channels, int height, int width, int kh, int kw, int strideH, int strideW, int[] pad) {
        OneDnnConvolution.load();
        int outH = (height + pad[0] + pad[2] - kh) / strideH + 1;
        int outW = (width + pad[1] + pad[3] - kw) / strideW + 1;
        long[] src = {batch, channels, height, width};
        long[] out = {batch, channels, outH, outW};
        long[] strides = {strideH, strideW};
        long[] kernel = {kh, kw};
        long[] dilation = {0, 0};
        long[] padL = {pad[0], pad[1]};
        long[] padR = {pad[2], pad[3]};
        arena = new NativeArena();
        try {
            engine eng = new engine(engine.kind.cpu, 0);
            strm = new stream(eng);
            pooling_forward.primitive_desc fpd = new pooling_forward.primitive_desc(
                    eng,
                    dnnl.dnnl_forward_training,
                    dnnl.dnnl_pooling_max,
                    OneDnnTensor.plain(src),
                    OneDnnTensor.plain(out),
                    strides,
                    kernel,
                    dilation,
                    padL,
                    padR);
            pooling_backward.primitive_desc bpd = new pooling_backward.primitive_desc(
                    eng,
                    dnnl.dnnl_pooling_max,
                    OneDnnTensor.plain(src),
                    OneDnnTensor.plain(out),
                    strides,
                    kernel,
                    dilation,
                    padL,
                    padR,
                    fpd);
            x = new OneDnnTensor(eng, src, fpd.src_desc());
            y = new OneDnnTensor(eng, out, fpd.dst_desc());
            dy = new OneDnnTensor(eng, out, bpd.diff_dst_desc());
            dx = new OneDnnTensor(eng, src, bpd.diff_src_desc());
            memory workspace = new memory(fpd.workspace_desc(), eng);
            forward = new pooling_forward(fpd);
            backward = new pooling_backward(bpd);
            forwardArgs = new IntMemoryMap()
                    .put(dnnl.DNNL_ARG_SRC, x.inner())
                    .put(dnnl.DNNL_ARG_DST, y.inner())
                    .put(dnnl.DNNL_ARG_WORKSPACE, workspace);
            backwardArgs = new IntMemoryMap()
                    .put(dnnl.DNNL_ARG_DIFF_DST, dy.inner())
                    .put(dnnl.DNNL_ARG_DIFF_SRC, dx.inner())
                    .put(dnnl.DNNL_ARG_WORKSPACE, workspace);
            implementation =
                    fpd.impl_info_str().getString() + "/" + bpd.impl_info_str().getString();
        } catch (RuntimeException e) {
            arena.close();
            throw new BackendException(
                    "oneDNN rejected the max pooling " + Arrays.toString(src) + " -> "
                            + Arrays.toString(out) + " (window " + kh + "x" + kw + ", stride " + strideH + "x" + strideW
                            + "): " + e.getMessage(),
                    e);
        } finally {
            arena.seal();
        }
    }

    /** The implementations oneDNN chose for forward / backward, e.g. {@code jit:avx512_core}. */
    public String implementation() {
        return implementation;
    }

    /** y = max over each window of x; the winners are kept in the workspace for {@link #backward}. */
    public void forward(float[] xs, int xOff, float[] ys, int yOff) {
        checkOpen();
        x.load(xs, xOff, strm);
        forward.execute(strm, forwardArgs);
        y.store(ys, yOff, strm);
    }

    /** dx of the last {@link #forward}: each window's dy goes to its winner, the rest is zero. */
    public void backward(float[] dys, int dyOff, float[] dxs, int dxOff) {
        checkOpen();
        dy.load(dys, dyOff, strm);
        backward.execute(strm, backwardArgs);
        dx.store(dxs, dxOff, strm);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This OneDnnMaxPooling is closed; create a new one.");
        }
    }

    /** Frees every native object of this pooling. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
