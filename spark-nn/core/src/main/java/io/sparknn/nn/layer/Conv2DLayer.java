package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;
import io.sparknn.backend.Convolution;
import io.sparknn.init.Initializer;
import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Runtime of {@link Conv2D}: im2col and GEMM over runs of samples. For a chunk of {@code n}
 * samples, forward is {@code Y[F, n*P] = W[F, C*kh*kw] x col[C*kh*kw, n*P]} followed by a copy
 * to NCHW with the bias; backward is {@code dW += dY col^T} and {@code dcol = W^T dY}, folded
 * back by col2im.
 *
 * <p>Chunks are sized so that a chunk's column matrix and GEMM output stay in a core's L2
 * cache ({@link #CHUNK_FLOATS}): im2col writes the block, MKL's operand copy and GEMM read it
 * back from cache, and the output copy reads the GEMM result from cache. One GEMM over a whole
 * shard would stream every intermediate through memory several times. In training the column
 * matrices of all chunks are kept for backward (up to {@link #RETAIN_FLOATS}); beyond that, and
 * after an inference pass, backward rebuilds them chunk by chunk.
 *
 * <p>When the backend has a native convolution for the batch ({@link Backend#convolution}: oneDNN
 * on the mkl backend, measured faster than im2col + GEMM for the seed-004 CNN, see README), the
 * layer hands the whole pass to it instead.
 */
public final class Conv2DLayer implements Layer {
    /** Column-matrix plus GEMM-output floats per chunk: 512 KiB, half a core's L2. */
    static final int CHUNK_FLOATS = 1 << 17;
    /** Column-matrix floats kept from forward for backward (32 MiB). */
    static final int RETAIN_FLOATS = 1 << 23;

    private final ConvGeometry g;
    private final Im2Col im2col;
    private final int filters;
    private final boolean useBias;
    private final Initializer kernelInit;
    private final Initializer biasInit;
    private final Backend backend;
    private final int taps;
    private final int positions;
    private final int inSize;
    private final int outSize;
    private final int chunkLimit;
    private final int retainFloats;

    private float[] params;
    private float[] grads;
    private int kernelOff;
    private int biasOff;

    private float[] input;
    /**
     * Column matrices: all chunks at {@code b0 * taps * P} when {@code retained}, else one chunk
     * (the one starting at {@code colStart}) at 0. Backward overwrites them with column gradients.
     */
    private float[] col;

    private boolean retained;
    private int colStart = -1;
    /** GEMM output [F, n*P] of one chunk in forward, the output gradient in that layout in backward. */
    private float[] rows;

    private float[] output;
    private float[] gradInput;
    /** The transposed kernel gradient, for kernels with fewer taps than filters. */
    private float[] kernelT;

    private final BackendConvolutions natives;
    /** The native convolution that ran the last forward, or null when im2col did. */
    private Convolution lastNative;

    public Conv2DLayer(
            ConvGeometry g,
            int filters,
            boolean useBias,
            Initializer kernelInit,
            Initializer biasInit,
            Backend backend) {
        this(g, filters, useBias, kernelInit, biasInit, backend, CHUNK_FLOATS, RETAIN_FLOATS);
    }

    /** With other chunk and retention budgets, in floats (tests use small ones). */
    public Conv2DLayer(
            ConvGeometry g,
            int filters,
            boolean useBias,
            Initializer kernelInit,
            Initializer biasInit,
            Backend backend,
            int chunkFloats,
            int retainFloats) {
        this.g = g;
        this.im2col = new Im2Col(g);
        this.filters = filters;
        this.useBias = useBias;
        this.kernelInit = kernelInit;
        this.biasInit = biasInit;
        this.backend = backend;
        this.taps = im2col.rows();
        this.positions = g.outputPositions();
        this.inSize = g.inputSize();
        this.outSize = filters * positions;
        this.chunkLimit = Math.max(1, chunkFloats / ((taps + filters) * positions));
        this.retainFloats = retainFloats;
        this.natives = new BackendConvolutions(g, filters, useBias, backend);
    }

    @Override
    public Shape inputShape() {
        return g.inputShape();
    }

    @Override
    public Shape outputShape() {
        return Shape.of(filters, g.outH(), g.outW());
    }

    @Override
    public int paramCount() {
        return filters * taps + (useBias ? filters : 0);
    }

    @Override
    public void bind(float[] params, float[] grads, int offset) {
        this.params = params;
        this.grads = grads;
        this.kernelOff = offset;
        this.biasOff = offset + filters * taps;
    }

    @Override
    public void initialize(SplittableRandom rng) {
        int window = g.kh() * g.kw();
        kernelInit.fill(params, kernelOff, filters * taps, taps, filters * window, rng);
        if (useBias) {
            biasInit.fill(params, biasOff, filters, taps, filters * window, rng);
        }
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        input = x;
        output = Buffers.ensure(output, batch * outSize);
        lastNative = natives.forBatch(batch);
        if (lastNative != null) {
            lastNative.forward(x, 0, params, kernelOff, natives.bias(params), useBias ? biasOff : 0, output, 0);
            return output;
        }
        int chunk = Math.min(batch, chunkLimit);
        int block = taps * positions;
        retained = ctx.training() && (long) batch * block <= retainFloats;
        col = Buffers.ensure(col, (retained ? batch : chunk) * block);
        rows = Buffers.ensure(rows, filters * chunk * positions);
        for (int b0 = 0; b0 < batch; b0 += chunk) {
            int n = Math.min(chunk, batch - b0);
            int ld = n * positions;
            int off = retained ? b0 * block : 0;
            im2col.expand(x, b0, n, col, off);
            colStart = b0;
            backend.sgemm(false, false, filters, ld, taps, 1f, params, kernelOff, taps, col, off, ld, 0f, rows, 0, ld);
            toSamples(b0, n);
        }
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int batch, boolean needInputGradient) {
        if (lastNative != null) {
            gradInput = needInputGradient ? Buffers.ensure(gradInput, batch * inSize) : gradInput;
            lastNative.backward(
                    gradOutput,
                    0,
                    needInputGradient ? gradInput : null,
                    0,
                    grads,
                    kernelOff,
                    natives.biasGradient(grads),
                    useBias ? biasOff : 0);
            return needInputGradient ? gradInput : null;
        }
        int chunk = Math.min(batch, chunkLimit);
        int block = taps * positions;
        if (needInputGradient) {
            gradInput = Buffers.ensure(gradInput, batch * inSize);
            Arrays.fill(gradInput, 0, batch * inSize, 0f);
        }
        if (useBias) {
            Arrays.fill(grads, biasOff, biasOff + filters, 0f);
        }
        // Last chunk first: without retention its column matrix is the one still in col.
        int last = (batch - 1) / chunk * chunk;
        for (int b0 = last; b0 >= 0; b0 -= chunk) {
            int n = Math.min(chunk, batch - b0);
            int ld = n * positions;
            int off = retained ? b0 * block : 0;
            if (!retained && colStart != b0) {
                im2col.expand(input, b0, n, col, 0);
                colStart = b0;
            }
            fromSamples(gradOutput, b0, n);
            kernelGradient(off, ld, b0 == last);
            if (needInputGradient) {
                backend.sgemm(
                        true, false, taps, ld, filters, 1f, params, kernelOff, taps, rows, 0, ld, 0f, col, off, ld);
                im2col.accumulate(col, off, b0, n, gradInput);
                colStart = -1;
            }
        }
        if (needInputGradient) {
            retained = false; // the column gradients replaced the retained matrices
        }
        return needInputGradient ? gradInput : null;
    }

    /** Frees the native convolutions (the network is closing). */
    @Override
    public void close() {
        natives.close();
        lastNative = null;
    }

    /** output[b0 + b][f][.] = rows[f][b * P + .] + bias[f]. */
    private void toSamples(int b0, int n) {
        int ld = n * positions;
        for (int f = 0; f < filters; f++) {
            float bias = useBias ? params[biasOff + f] : 0f;
            for (int b = 0; b < n; b++) {
                int src = f * ld + b * positions;
                int dst = (b0 + b) * outSize + f * positions;
                for (int j = 0; j < positions; j++) {
                    output[dst + j] = rows[src + j] + bias;
                }
            }
        }
    }

    /**
     * dW (+)= dY col^T. A kernel with fewer taps than filters (the first layer on a grey image:
     * 9 taps, 32 filters) computes the transpose instead, {@code col dY^T}, a GEMM shape that
     * MKL runs about twice as fast, and transposes the small result into place.
     */
    private void kernelGradient(int colOff, int ld, boolean overwrite) {
        if (taps >= filters) {
            backend.sgemm(
                    false,
                    true,
                    filters,
                    taps,
                    ld,
                    1f,
                    rows,
                    0,
                    ld,
                    col,
                    colOff,
                    ld,
                    overwrite ? 0f : 1f,
                    grads,
                    kernelOff,
                    taps);
            return;
        }
        kernelT = Buffers.ensure(kernelT, taps * filters);
        backend.sgemm(false, true, taps, filters, ld, 1f, col, colOff, ld, rows, 0, ld, 0f, kernelT, 0, filters);
        for (int f = 0; f < filters; f++) {
            int dst = kernelOff + f * taps;
            for (int t = 0; t < taps; t++) {
                float v = kernelT[t * filters + f];
                grads[dst + t] = overwrite ? v : grads[dst + t] + v;
            }
        }
    }

    /** rows[f][b * P + .] = dy[b0 + b][f][.], summing the bias gradient on the way. */
    private void fromSamples(float[] dy, int b0, int n) {
        int ld = n * positions;
        for (int f = 0; f < filters; f++) {
            float sum = 0f;
            for (int b = 0; b < n; b++) {
                int src = (b0 + b) * outSize + f * positions;
                System.arraycopy(dy, src, rows, f * ld + b * positions, positions);
                if (useBias) {
                    sum += sum(dy, src, positions);
                }
            }
            if (useBias) {
                grads[biasOff + f] += sum;
            }
        }
    }

    /** Sum of {@code a[from, from + n)} with four independent accumulators (a single one is latency-bound). */
    private static float sum(float[] a, int from, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = from;
        for (int end = from + n - 3; i < end; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (int end = from + n; i < end; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
