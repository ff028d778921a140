package io.sparknn.loss;

import io.sparknn.nn.layer.Activation;

/**
 * Cross-entropy of softmax outputs against integer class labels (Keras'
 * {@code sparse_categorical_crossentropy}), fused with the softmax:
 * {@code l = logsumexp(z) - z_y}, {@code dl/dz = softmax(z) - onehot(y)}. Stable for any logits.
 */
public final class SoftmaxCrossEntropy implements Loss {
    public static final String NAME = "softmax_cross_entropy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Activation fusedActivation() {
        return Activation.SOFTMAX;
    }

    @Override
    public int labelWidth(int outputWidth) {
        return 1;
    }

    @Override
    public double compute(
            float[] out, int batch, int width, float[] labels, float[] weights, float scale, float[] grad) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int o = b * width;
            int y = classIndex(labels[b], width, b);
            float w = weights == null ? 1f : weights[b];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) {
                max = Math.max(max, out[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += Math.exp(out[o + j] - max);
            }
            double lse = max + Math.log(sum);
            total += w * (lse - out[o + y]);
            if (grad != null) {
                double g = (double) scale * w;
                for (int j = 0; j < width; j++) {
                    double p = Math.exp(out[o + j] - lse);
                    grad[o + j] = (float) (g * (j == y ? p - 1.0 : p));
                }
            }
        }
        return total;
    }

    static int classIndex(float label, int width, int sample) {
        int y = (int) label;
        if (y != label || y < 0 || y >= width) {
            throw new IllegalArgumentException("Label " + label + " of sample " + sample
                    + " in the batch is not a class index in [0, " + width + "). Labels must be integers 0.."
                    + (width - 1) + " for a network with " + width + " outputs.");
        }
        return y;
    }
}
