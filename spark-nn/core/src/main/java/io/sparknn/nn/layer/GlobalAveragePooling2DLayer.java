package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;

/** Runtime of {@link GlobalAveragePooling2D}. */
public final class GlobalAveragePooling2DLayer extends GlobalPoolingLayer {

    public GlobalAveragePooling2DLayer(Shape input) {
        super(input);
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        int n = batch * channels;
        output = Buffers.ensure(output, n);
        float inv = 1f / plane;
        for (int bc = 0; bc < n; bc++) {
            float sum = 0f;
            for (int i = bc * plane, end = i + plane; i < end; i++) {
                sum += x[i];
            }
            output[bc] = sum * inv;
        }
        return output;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        int n = batch * channels;
        gradInput = Buffers.ensure(gradInput, n * plane);
        float inv = 1f / plane;
        for (int bc = 0; bc < n; bc++) {
            java.util.Arrays.fill(gradInput, bc * plane, (bc + 1) * plane, dy[bc] * inv);
        }
        return gradInput;
    }
}
