package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.init.Initializer;
import io.sparknn.tensor.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Runtime of {@link Conv2D}: im2col and GEMM over a whole run of samples at once. Forward:
 * {@code Y[F, n*P] = W[F, C*kh*kw] x col[C*kh*kw, n*P]}, then a copy to NCHW with the bias.
 * Backward: {@code dW = dY col^T} and {@code dcol = W^T dY}, folded back by col2im. One big
 * GEMM per step keeps MKL efficient where one GEMM per sample would be dominated by call
 * overhead; runs longer than {@link #COL_BUDGET} column-matrix floats are cut into chunks so
 * that large inference batches do not need huge buffers.
 */
final class Conv2DLayer implements Layer {
    /** Column-matrix floats per chunk (16 MiB); training shards normally fit in one chunk. */
    static final int COL_BUDGET = 1 << 22;

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

    private float[] params;
    private float[] grads;
    private int kernelOff;
    private int biasOff;

    private float[] input;
    /** The column matrix, and in backward the column gradient; holds the chunk starting at colStart. */
    private float[] col;
    private int colStart = -1;
    /** GEMM output [F, n*P] in forward, the gradient of the output in the same layout in backward. */
    private float[] rows;
    private float[] output;
    private float[] gradInput;

    Conv2DLayer(ConvGeometry g, int filters, boolean useBias, Initializer kernelInit, Initializer biasInit,
                Backend backend) {
        this(g, filters, useBias, kernelInit, biasInit, backend, COL_BUDGET);
    }

    /** With a column-matrix budget of {@code colBudget} floats (tests use a small one to force chunks). */
    Conv2DLayer(ConvGeometry g, int filters, boolean useBias, Initializer kernelInit, Initializer biasInit,
                Backend backend, int colBudget) {
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
        this.chunkLimit = Math.max(1, colBudget / (taps * positions));
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

    private int chunk(int batch) {
        return Math.min(batch, chunkLimit);
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        input = x;
        output = Buffers.ensure(output, batch * outSize);
        int chunk = chunk(batch);
        col = Buffers.ensure(col, taps * chunk * positions);
        rows = Buffers.ensure(rows, filters * chunk * positions);
        for (int b0 = 0; b0 < batch; b0 += chunk) {
            int n = Math.min(chunk, batch - b0);
            int ld = n * positions;
            im2col.expand(x, b0, n, col);
            colStart = b0;
            backend.sgemm(false, false, filters, ld, taps, 1f, params, kernelOff, taps, col, 0, ld,
                    0f, rows, 0, ld);
            toSamples(b0, n);
        }
        return output;
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

    @Override
    public float[] backward(float[] gradOutput, int batch, boolean needInputGradient) {
        int chunk = chunk(batch);
        if (needInputGradient) {
            gradInput = Buffers.ensure(gradInput, batch * inSize);
            Arrays.fill(gradInput, 0, batch * inSize, 0f);
        }
        if (useBias) {
            Arrays.fill(grads, biasOff, biasOff + filters, 0f);
        }
        // Last chunk first: its column matrix is still in col from the forward pass.
        int last = (batch - 1) / chunk * chunk;
        for (int b0 = last; b0 >= 0; b0 -= chunk) {
            int n = Math.min(chunk, batch - b0);
            int ld = n * positions;
            if (colStart != b0) {
                im2col.expand(input, b0, n, col);
                colStart = b0;
            }
            fromSamples(gradOutput, b0, n);
            backend.sgemm(false, true, filters, taps, ld, 1f, rows, 0, ld, col, 0, ld,
                    b0 == last ? 0f : 1f, grads, kernelOff, taps);
            if (needInputGradient) {
                backend.sgemm(true, false, taps, ld, filters, 1f, params, kernelOff, taps, rows, 0, ld,
                        0f, col, 0, ld);
                colStart = -1;
                im2col.accumulate(col, b0, n, gradInput);
            }
        }
        return needInputGradient ? gradInput : null;
    }

    /** rows[f][b * P + .] = dy[b0 + b][f][.], summing the bias gradient on the way. */
    private void fromSamples(float[] dy, int b0, int n) {
        int ld = n * positions;
        for (int f = 0; f < filters; f++) {
            float sum = 0f;
            for (int b = 0; b < n; b++) {
                int src = (b0 + b) * outSize + f * positions;
                int dst = f * ld + b * positions;
                for (int j = 0; j < positions; j++) {
                    float v = dy[src + j];
                    rows[dst + j] = v;
                    sum += v;
                }
            }
            if (useBias) {
                grads[biasOff + f] += sum;
            }
        }
    }
}
