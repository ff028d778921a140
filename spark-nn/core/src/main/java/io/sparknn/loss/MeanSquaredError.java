package io.sparknn.loss;

import io.sparknn.nn.layer.Activation;

/** Mean squared error over a sample's outputs: {@code l = mean_j (o_j - t_j)^2}. */
public final class MeanSquaredError implements Loss {
    public static final String NAME = "mse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Activation fusedActivation() {
        return Activation.LINEAR;
    }

    @Override
    public int labelWidth(int outputWidth) {
        return outputWidth;
    }

    @Override
    public double compute(
            float[] out, int batch, int width, float[] labels, float[] weights, float scale, float[] grad) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            float w = weights == null ? 1f : weights[b];
            double g = 2.0 * scale * w / width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                int i = b * width + j;
                double d = (double) out[i] - labels[i];
                sum += d * d;
                if (grad != null) {
                    grad[i] = (float) (g * d);
                }
            }
            total += w * sum / width;
        }
        return total;
    }
}
