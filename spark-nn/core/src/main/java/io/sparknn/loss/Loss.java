package io.sparknn.loss;

import io.sparknn.nn.layer.Activation;

/**
 * A training objective over a batch of network outputs. Losses return the weighted SUM
 * {@code sum_i w_i * l_i} (w_i = 1 without weights) and write {@code scale} times its gradient,
 * so the caller chooses the normalisation: {@code scale = 1 / sum_i w_i} gives the weighted mean
 * locally, and the distributed trainer uses the global sum of weights.
 *
 * <p>A loss may fuse the network's final activation ({@link #fusedActivation()}): it then
 * receives the pre-activation values (logits) and computes the loss and gradient in a
 * numerically stable form, as {@code softmax + cross-entropy} must be.
 */
public interface Loss {

    /** The name used in configs, e.g. {@code softmax_cross_entropy}. */
    String name();

    /** The final activation this loss absorbs, or {@link Activation#LINEAR} for none. */
    Activation fusedActivation();

    /** Floats of label per sample for a network output of {@code outputWidth}. */
    int labelWidth(int outputWidth);

    /**
     * @param out     {@code batch x width} outputs (logits if an activation is fused)
     * @param labels  {@code batch x labelWidth(width)} labels
     * @param weights per-sample weights, or {@code null} for all ones
     * @param scale   factor applied to the gradient
     * @param grad    receives {@code scale * d(sum_i w_i l_i)/d out}, or {@code null} for loss only
     * @return {@code sum_i w_i l_i} in double precision
     * @throws IllegalArgumentException for a label the loss cannot take, naming the sample and value
     */
    double compute(float[] out, int batch, int width, float[] labels, float[] weights, float scale, float[] grad);
}
