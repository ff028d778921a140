package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.tensor.Shape;


/** Runtime of the activations. Backward uses the saved output (or input, for the ReLUs). */
final class ActivationLayer extends ShapePreservingLayer {
    private final Activation kind;
    private final float alpha;
    private final Backend backend;

    private float[] input;
    private float[] output;
    private float[] gradInput;

    ActivationLayer(Activation kind, float alpha, Shape shape, Backend backend) {
        super(shape);
        this.kind = kind;
        this.alpha = alpha;
        this.backend = backend;
    }

    Activation kind() {
        return kind;
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        input = x;
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

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        int n = batch * size;
        float[] dx = gradInput = Buffers.ensure(gradInput, n);
        float[] x = input;
        float[] y = output;
        switch (kind) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = x[i] > 0f ? dy[i] : 0f;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = x[i] > 0f ? dy[i] : alpha * dy[i];
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
