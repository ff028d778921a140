package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;
import java.util.SplittableRandom;

/** Runtime of {@link Dropout}. Each sample's mask comes from its own seed (see {@link ForwardContext}). */
public final class DropoutLayer extends ShapePreservingLayer {
    private final float rate;
    private float[] mask;
    private float[] output;
    private float[] gradInput;
    private boolean lastWasTraining;

    public DropoutLayer(float rate, Shape shape) {
        super(shape);
        this.rate = rate;
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        lastWasTraining = ctx.training() && rate > 0f;
        if (!lastWasTraining) {
            return x;
        }
        int n = batch * size;
        mask = Buffers.ensure(mask, n);
        output = Buffers.ensure(output, n);
        float keep = 1f / (1f - rate);
        for (int b = 0; b < batch; b++) {
            SplittableRandom rng = new SplittableRandom(ctx.sampleSeed(b));
            for (int i = b * size, end = i + size; i < end; i++) {
                float m = rng.nextFloat() < rate ? 0f : keep;
                mask[i] = m;
                output[i] = x[i] * m;
            }
        }
        return output;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        if (!lastWasTraining) {
            return dy;
        }
        int n = batch * size;
        gradInput = Buffers.ensure(gradInput, n);
        for (int i = 0; i < n; i++) {
            gradInput[i] = dy[i] * mask[i];
        }
        return gradInput;
    }
}
