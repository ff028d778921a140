package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;

/** Numerically stable row-wise softmax, shared by the Softmax layer and the fused loss. */
public final class Softmax {
    private Softmax() {}

    /** {@code y[b, :] = softmax(x[b, :])} for each of {@code batch} rows of {@code width}; x may be y. */
    public static void forward(float[] x, float[] y, int batch, int width, Backend backend) {
        for (int b = 0; b < batch; b++) {
            int o = b * width;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) {
                max = Math.max(max, x[o + j]);
            }
            for (int j = 0; j < width; j++) {
                y[o + j] = x[o + j] - max;
            }
        }
        backend.exp(batch * width, y, 0, y, 0);
        for (int b = 0; b < batch; b++) {
            int o = b * width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += y[o + j];
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < width; j++) {
                y[o + j] *= inv;
            }
        }
    }
}
