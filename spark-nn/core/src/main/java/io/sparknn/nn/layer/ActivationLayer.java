package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;
import io.sparknn.tensor.Shape;

/** Runtime of the activations. Backward uses the saved output. */
public final class ActivationLayer extends ShapePreservingLayer {
    private final Activation kind;
    private final float alpha;
    private final Backend backend;

    private float[] output;
    private float[] gradInput;

    public ActivationLayer(Activation kind, float alpha, Shape shape, Backend backend) {
        super(shape);
        this.kind = kind;
        this.alpha = alpha;
        this.backend = backend;
    }

    public Activation kind() {
        return kind;
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        int n = batch * size;
        float[] y = output = Buffers.ensure(output, n);
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = Math.max(x[i], 0f);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    y[i] = v > 0f ? v : alpha * v;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[i] = -x[i];
                }
                backend.exp(n, y, 0, y, 0);
                for (int i = 0; i < n; i++) {
                    y[i] = 1f / (1f + y[i]);
                }
            }
            case TANH -> backend.tanh(n, x, 0, y, 0);
            case SOFTMAX -> Softmax.forward(x, y, batch, size, backend);
            default -> throw new IllegalStateException("not an activation layer: " + kind);
        }
        return y;
    }

    /** All ones if {@code v > 0} (or NaN), else 0: the sign of the negated bit pattern. */
    private static int positive(float v) {
        return -Float.floatToRawIntBits(v) >> 31;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        int n = batch * size;
        float[] dx = gradInput = Buffers.ensure(gradInput, n);
        float[] y = output;
        switch (kind) {
            // Branch-free: whether an input was positive is close to random, and a mispredicted
            // branch per element made these loops ten times slower than the forward pass.
            // positive(y) is all ones when the output is > 0 (its bits, as an int, are > 0).
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[i]) & positive(y[i]));
                }
            }
            case LEAKY_RELU -> {
                int one = Float.floatToRawIntBits(1f);
                int slope = Float.floatToRawIntBits(alpha);
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * Float.intBitsToFloat(slope ^ ((slope ^ one) & positive(y[i])));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * y[i] * (1f - y[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * (1f - y[i] * y[i]);
                }
            }
            case SOFTMAX -> {
                for (int b = 0; b < batch; b++) {
                    int o = b * size;
                    double dot = 0;
                    for (int j = 0; j < size; j++) {
                        dot += (double) dy[o + j] * y[o + j];
                    }
                    float d = (float) dot;
                    for (int j = 0; j < size; j++) {
                        dx[o + j] = y[o + j] * (dy[o + j] - d);
                    }
                }
            }
            default -> throw new IllegalStateException("not an activation layer: " + kind);
        }
        return dx;
    }
}
