package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;
import java.util.Arrays;

/** Runtime of {@link io.sparknn.nn.GlobalMaxPooling2D}: remembers each channel's winning element for backward. */
public final class GlobalMaxPooling2DLayer extends GlobalPoolingLayer {
    private int[] winner;

    public GlobalMaxPooling2DLayer(Shape input) {
        super(input);
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        int n = batch * channels;
        output = Buffers.ensure(output, n);
        if (winner == null || winner.length < n) {
            winner = new int[n];
        }
        for (int bc = 0; bc < n; bc++) {
            int start = bc * plane;
            int best = start;
            float max = x[start];
            for (int i = start + 1, end = start + plane; i < end; i++) {
                float v = x[i];
                boolean greater = v > max;
                max = greater ? v : max;
                best = greater ? i : best;
            }
            output[bc] = max;
            winner[bc] = best;
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
        Arrays.fill(gradInput, 0, n * plane, 0f);
        for (int bc = 0; bc < n; bc++) {
            gradInput[winner[bc]] = dy[bc];
        }
        return gradInput;
    }
}
