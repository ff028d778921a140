package io.sparknn.optim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * Stochastic gradient descent, optionally with (Nesterov) momentum, following PyTorch's
 * {@code torch.optim.SGD} with no dampening:
 * <pre>
 *   g' = gradScale * g + weightDecay * w
 *   b  = momentum * b + g'                     (b starts at 0, so the first b is g')
 *   w -= lr * (nesterov ? g' + momentum * b : b)      (or lr * g' without momentum)
 * </pre>
 * State: no slot without momentum; one slot, the velocity {@code b}, with momentum.
 *
 * @param momentum momentum factor in [0, 1); 0 (the default) disables momentum
 * @param nesterov use Nesterov momentum; needs {@code momentum > 0}. Default false
 * @param weightDecay L2 penalty added to the gradient, {@code >= 0}. Default 0
 */
public record Sgd(double momentum, boolean nesterov, double weightDecay) implements Optimizer {
    static final String NAME = "sgd";

    /** Validates the ranges; errors name the JSON key. */
    public Sgd {
        HyperParameter.decay("SGD", "momentum", momentum);
        HyperParameter.nonNegative("SGD", "weightDecay", weightDecay);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("SGD nesterov=true needs momentum > 0, got momentum " + momentum
                    + ". Set a momentum such as 0.9 or turn nesterov off.");
        }
    }

    /** Plain SGD: no momentum, no weight decay. */
    public Sgd() {
        this(0, false, 0);
    }

    /** SGD with classical momentum. */
    public static Sgd withMomentum(double momentum) {
        return new Sgd(momentum, false, 0);
    }

    /** SGD with Nesterov momentum. */
    public static Sgd withNesterov(double momentum) {
        return new Sgd(momentum, true, 0);
    }

    /** A copy with another L2 weight decay. */
    public Sgd withWeightDecay(double decay) {
        return new Sgd(momentum, nesterov, decay);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int slotCount() {
        return momentum == 0 ? 0 : 1;
    }

    @Override
    public OptimizerState newState(int length) {
        return OptimizerState.zeros(length, slotCount());
    }

    @Override
    public void step(
            float[] w, float[] g, int offset, int length, OptimizerState state, float learningRate, float gradScale) {
        StepArguments.check(this, w, g, offset, length, state, learningRate, gradScale);
        float l2 = (float) weightDecay;
        if (momentum == 0) {
            // w and g share the index, so this loop vectorizes without staging.
            for (int i = offset, end = offset + length; i < end; i++) {
                w[i] -= learningRate * (gradScale * g[i] + l2 * w[i]);
            }
        } else {
            float[] ws = SliceStaging.weights(w, offset, length, state);
            float[] gs = SliceStaging.gradients(g, offset, length, state);
            float[] b = state.slots()[0];
            if (nesterov) {
                updateNesterov(ws, gs, b, length, learningRate, gradScale, l2, (float) momentum);
            } else {
                updateMomentum(ws, gs, b, length, learningRate, gradScale, l2, (float) momentum);
            }
            SliceStaging.commit(ws, w, offset, length);
        }
        state.incrementStep();
    }

    private static void updateMomentum(
            float[] w, float[] g, float[] b, int n, float lr, float scale, float l2, float mu) {
        for (int j = 0; j < n; j++) {
            float bj = mu * b[j] + (scale * g[j] + l2 * w[j]);
            b[j] = bj;
            w[j] -= lr * bj;
        }
    }

    private static void updateNesterov(
            float[] w, float[] g, float[] b, int n, float lr, float scale, float l2, float mu) {
        for (int j = 0; j < n; j++) {
            float gj = scale * g[j] + l2 * w[j];
            float bj = mu * b[j] + gj;
            b[j] = bj;
            w[j] -= lr * (gj + mu * bj);
        }
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("momentum", momentum);
        json.put("nesterov", nesterov);
        json.put("weightDecay", weightDecay);
        return JsonConfig.write(json);
    }

    static Sgd read(JsonConfig json) {
        json.requireOnlyKeys("momentum", "nesterov", "weightDecay");
        return new Sgd(json.number("momentum", 0), json.bool("nesterov", false), json.number("weightDecay", 0));
    }
}
