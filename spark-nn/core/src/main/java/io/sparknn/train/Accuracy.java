package io.sparknn.train;

import io.sparknn.loss.Loss;
import io.sparknn.nn.layer.Activation;

/** Weighted count of correct predictions, from logits or outputs (argmax is the same). */
final class Accuracy {
    private Accuracy() {}

    static double correct(Loss loss, float[] out, int batch, int width, float[] labels, float[] weights) {
        Activation a = loss.fusedActivation();
        if (a == Activation.LINEAR) {
            return 0;
        }
        double c = 0;
        for (int b = 0; b < batch; b++) {
            boolean ok;
            if (a == Activation.SOFTMAX) {
                int o = b * width;
                int best = 0;
                for (int j = 1; j < width; j++) {
                    if (out[o + j] > out[o + best]) {
                        best = j;
                    }
                }
                ok = best == (int) labels[b];
            } else { // sigmoid: logit > 0 <=> probability > 0.5, per output
                ok = true;
                for (int j = 0; j < width; j++) {
                    int i = b * width + j;
                    ok &= (out[i] > 0f) == (labels[i] >= 0.5f);
                }
            }
            if (ok) {
                c += weights == null ? 1 : weights[b];
            }
        }
        return c;
    }
}
