package io.sparknn.loss;

import io.sparknn.nn.layer.Activation;

/**
 * Binary cross-entropy of sigmoid outputs (one or more independent outputs per sample), fused
 * with the sigmoid: {@code l = max(z,0) - z*y + log(1 + exp(-|z|))}, {@code dl/dz = sigmoid(z) - y}.
 * Targets are in [0, 1]; the loss of a sample is the mean over its outputs.
 */
public final class BinaryCrossEntropy implements Loss {
    public static final String NAME = "binary_cross_entropy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Activation fusedActivation() {
        return Activation.SIGMOID;
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
            double g = (double) scale * w / width;
            double sampleLoss = 0;
            for (int j = 0; j < width; j++) {
                int i = b * width + j;
                double z = out[i];
                double y = labels[i];
                if (!(y >= 0.0 && y <= 1.0)) {
                    throw new IllegalArgumentException(
                            "Label " + labels[i] + " of sample " + b
                                    + " in the batch is outside [0, 1]; binary cross-entropy needs 0/1 labels or probabilities.");
                }
                sampleLoss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                if (grad != null) {
                    double s = z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
                    grad[i] = (float) (g * (s - y));
                }
            }
            total += w * sampleLoss / width;
        }
        return total;
    }
}
