package io.sparknn.nn.layer;

import io.sparknn.init.Initializer;
import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Runtime of {@link Embedding}: a row gather forward, a row scatter-add backward (repeated ids
 * accumulate). Token ids are not differentiable; an input gradient, if asked for, is zeros.
 */
public final class EmbeddingLayer implements Layer {
    private final int time;
    private final int vocabulary;
    private final int dim;
    private final int paddingIndex;
    private final Initializer init;

    private float[] params;
    private float[] grads;
    private int offset;

    private final Shape inputShape;
    private final Shape outputShape;
    private int[] ids;
    private float[] output;
    private float[] gradInput;

    public EmbeddingLayer(int time, int vocabulary, int dim, int paddingIndex, Initializer init) {
        this.time = time;
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.paddingIndex = paddingIndex;
        this.init = init;
        this.inputShape = Shape.of(time);
        this.outputShape = Shape.of(time, dim);
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public int paramCount() {
        return vocabulary * dim;
    }

    @Override
    public void bind(float[] params, float[] grads, int offset) {
        this.params = params;
        this.grads = grads;
        this.offset = offset;
    }

    @Override
    public void initialize(SplittableRandom rng) {
        init.fill(params, offset, vocabulary * dim, vocabulary, dim, rng);
        if (paddingIndex >= 0) {
            Arrays.fill(params, offset + paddingIndex * dim, offset + (paddingIndex + 1) * dim, 0f);
        }
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        int n = batch * time;
        ids = ids != null && ids.length >= n ? ids : new int[n];
        float[] y = output = Buffers.ensure(output, n * dim);
        for (int i = 0; i < n; i++) {
            float v = x[i];
            int id = (int) v;
            if (id != v || id < 0 || id >= vocabulary) {
                throw badId(v, i, ctx);
            }
            ids[i] = id;
            if (id == paddingIndex) {
                Arrays.fill(y, i * dim, (i + 1) * dim, 0f);
            } else {
                System.arraycopy(params, offset + id * dim, y, i * dim, dim);
            }
        }
        return y;
    }

    private IllegalArgumentException badId(float v, int i, ForwardContext ctx) {
        long sample = ctx.sampleOffset() + i / time;
        return new IllegalArgumentException("Embedding(" + vocabulary + ", " + dim + ") got token id " + v
                + " at position " + (i % time) + " of sample " + sample + " of the batch; ids must be integers in [0, "
                + vocabulary + "). Check that the tokenizer's vocabulary fits inputDim=" + vocabulary
                + " (raise inputDim or map unknown tokens to a reserved id).");
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        // Overwrite contract: the whole table's gradient is rewritten, untouched rows as zeros.
        Arrays.fill(grads, offset, offset + vocabulary * dim, 0f);
        int n = batch * time;
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            if (id == paddingIndex) {
                continue;
            }
            int g = offset + id * dim;
            int d = i * dim;
            for (int j = 0; j < dim; j++) {
                grads[g + j] += dy[d + j];
            }
        }
        if (!needInputGradient) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, n);
        Arrays.fill(gradInput, 0, n, 0f);
        return gradInput;
    }
}
