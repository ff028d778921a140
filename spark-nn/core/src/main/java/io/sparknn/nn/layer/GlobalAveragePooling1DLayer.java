package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Runtime of {@link GlobalAveragePooling1D}. */
public final class GlobalAveragePooling1DLayer implements Layer {
    private final int time;
    private final int features;
    private final Shape inputShape;
    private final Shape outputShape;
    private int[] lengths;
    private float[] output;
    private float[] gradInput;

    public GlobalAveragePooling1DLayer(int time, int features) {
        this.time = time;
        this.features = features;
        this.inputShape = Shape.of(time, features);
        this.outputShape = Shape.of(features);
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
        return 0;
    }

    @Override
    public void bind(float[] params, float[] grads, int offset) {
        // no parameters
    }

    @Override
    public void initialize(SplittableRandom rng) {
        // no parameters
    }

    private int length(int b) {
        return lengths == null ? time : lengths[b];
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        lengths = SequenceLengths.copy(ctx, batch, time, "GlobalAveragePooling1D", lengths);
        float[] y = output = Buffers.ensure(output, batch * features);
        Arrays.fill(y, 0, batch * features, 0f);
        for (int b = 0; b < batch; b++) {
            int len = length(b);
            int o = b * features;
            for (int t = 0; t < len; t++) {
                int xi = (b * time + t) * features;
                for (int j = 0; j < features; j++) {
                    y[o + j] += x[xi + j];
                }
            }
            if (len > 0) {
                float inv = 1f / len;
                for (int j = 0; j < features; j++) {
                    y[o + j] *= inv;
                }
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        float[] dx = gradInput = Buffers.ensure(gradInput, batch * time * features);
        for (int b = 0; b < batch; b++) {
            int len = length(b);
            float inv = len > 0 ? 1f / len : 0f;
            int o = b * features;
            for (int t = 0; t < time; t++) {
                int xi = (b * time + t) * features;
                if (t < len) {
                    for (int j = 0; j < features; j++) {
                        dx[xi + j] = dy[o + j] * inv;
                    }
                } else {
                    Arrays.fill(dx, xi, xi + features, 0f);
                }
            }
        }
        return dx;
    }
}
