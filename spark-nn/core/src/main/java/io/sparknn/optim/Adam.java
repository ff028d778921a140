package io.sparknn.optim;

import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * Adam (Kingma and Ba), following PyTorch's {@code torch.optim.Adam}:
 * <pre>
 *   g' = gradScale * g + weightDecay * w
 *   m  = beta1 * m + (1 - beta1) * g'
 *   v  = beta2 * v + (1 - beta2) * g'^2
 *   w -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 * where {@code t} is the 1-based number of this update. State: slot 0 is {@code m}, slot 1 is
 * {@code v}. The default epsilon is PyTorch's 1e-8 (Keras uses 1e-7).
 *
 * @param beta1 decay of the first moment, in [0, 1). Default 0.9
 * @param beta2 decay of the second moment, in [0, 1). Default 0.999
 * @param epsilon added to the denominator, {@code > 0}. Default 1e-8
 * @param weightDecay L2 penalty added to the gradient, {@code >= 0}. Default 0; for
 *     decoupled decay use {@link AdamW}
 */
public record Adam(double beta1, double beta2, double epsilon, double weightDecay) implements AdamFamily {
    static final String NAME = "adam";

    /** Validates the ranges; errors name the JSON key. */
    public Adam {
        HyperParameter.decay("Adam", "beta1", beta1);
        HyperParameter.decay("Adam", "beta2", beta2);
        HyperParameter.positive("Adam", "epsilon", epsilon);
        HyperParameter.nonNegative("Adam", "weightDecay", weightDecay);
    }

    /** Adam with PyTorch's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8, no weight decay. */
    public Adam() {
        this(0.9, 0.999, 1e-8, 0);
    }

    /** A copy with other moment decays. */
    public Adam withBetas(double newBeta1, double newBeta2) {
        return new Adam(newBeta1, newBeta2, epsilon, weightDecay);
    }

    /** A copy with another epsilon. */
    public Adam withEpsilon(double newEpsilon) {
        return new Adam(beta1, beta2, newEpsilon, weightDecay);
    }

    /** A copy with another L2 weight decay. */
    public Adam withWeightDecay(double decay) {
        return new Adam(beta1, beta2, epsilon, decay);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void step(
            float[] w, float[] g, int offset, int length, OptimizerState state, float learningRate, float gradScale) {
        StepArguments.check(this, w, g, offset, length, state, learningRate, gradScale);
        AdamUpdate.apply(w, g, offset, length, state, learningRate, gradScale, beta1, beta2, epsilon, weightDecay, 0);
    }

    static Adam read(JsonConfig json) {
        return AdamFamily.read(json, 0, Adam::new);
    }
}
