package io.sparknn.optim;

import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), following PyTorch's
 * {@code torch.optim.AdamW}:
 * <pre>
 *   w *= 1 - lr * weightDecay
 *   then the {@link Adam} update with g' = gradScale * g
 * </pre>
 * The decay is applied to the weights, not added to the gradient, so it is not rescaled by
 * the adaptive denominator. There is no separate L2 term: use {@link Adam} with weight decay
 * for that. State: slot 0 is {@code m}, slot 1 is {@code v}.
 *
 * @param beta1 decay of the first moment, in [0, 1). Default 0.9
 * @param beta2 decay of the second moment, in [0, 1). Default 0.999
 * @param epsilon added to the denominator, {@code > 0}. Default 1e-8
 * @param weightDecay decoupled decay rate, {@code >= 0}. Default 0.01 (PyTorch)
 */
public record AdamW(double beta1, double beta2, double epsilon, double weightDecay) implements AdamFamily {
    static final String NAME = "adamw";

    /** Validates the ranges; errors name the JSON key. */
    public AdamW {
        HyperParameter.decay("AdamW", "beta1", beta1);
        HyperParameter.decay("AdamW", "beta2", beta2);
        HyperParameter.positive("AdamW", "epsilon", epsilon);
        HyperParameter.nonNegative("AdamW", "weightDecay", weightDecay);
    }

    /** AdamW with PyTorch's defaults: 0.9, 0.999, 1e-8, weight decay 0.01. */
    public AdamW() {
        this(0.9, 0.999, 1e-8, 0.01);
    }

    /** A copy with other moment decays. */
    public AdamW withBetas(double newBeta1, double newBeta2) {
        return new AdamW(newBeta1, newBeta2, epsilon, weightDecay);
    }

    /** A copy with another epsilon. */
    public AdamW withEpsilon(double newEpsilon) {
        return new AdamW(beta1, beta2, newEpsilon, weightDecay);
    }

    /** A copy with another decoupled weight decay. */
    public AdamW withWeightDecay(double decay) {
        return new AdamW(beta1, beta2, epsilon, decay);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void step(
            float[] w, float[] g, int offset, int length, OptimizerState state, float learningRate, float gradScale) {
        StepArguments.check(this, w, g, offset, length, state, learningRate, gradScale);
        AdamUpdate.apply(w, g, offset, length, state, learningRate, gradScale, beta1, beta2, epsilon, 0, weightDecay);
    }

    static AdamW read(JsonConfig json) {
        return AdamFamily.read(json, 0.01, AdamW::new);
    }
}
