package io.sparknn.optim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * RMSprop (Hinton), uncentred, following PyTorch's {@code torch.optim.RMSprop}:
 * <pre>
 *   g' = gradScale * g + weightDecay * w
 *   v  = rho * v + (1 - rho) * g'^2
 *   d  = g' / (sqrt(v) + epsilon)
 *   b  = momentum * b + d;  w -= lr * b          (with momentum)
 *   w -= lr * d                                  (without)
 * </pre>
 * State: slot 0 is {@code v}; slot 1 is the momentum buffer {@code b} when momentum is on.
 * The defaults are PyTorch's (rho 0.99, epsilon 1e-8); Keras uses rho 0.9 and epsilon 1e-7.
 *
 * @param rho decay of the squared-gradient average (PyTorch's alpha), in [0, 1). Default 0.99
 * @param momentum momentum factor in [0, 1); 0 (the default) disables momentum
 * @param epsilon added to the denominator, {@code > 0}. Default 1e-8
 * @param weightDecay L2 penalty added to the gradient, {@code >= 0}. Default 0
 */
public record RMSprop(double rho, double momentum, double epsilon, double weightDecay) implements Optimizer {
    static final String NAME = "rmsprop";

    /** Validates the ranges; errors name the JSON key. */
    public RMSprop {
        HyperParameter.decay("RMSprop", "rho", rho);
        HyperParameter.decay("RMSprop", "momentum", momentum);
        HyperParameter.positive("RMSprop", "epsilon", epsilon);
        HyperParameter.nonNegative("RMSprop", "weightDecay", weightDecay);
    }

    /** RMSprop with PyTorch's defaults: rho 0.99, no momentum, epsilon 1e-8, no decay. */
    public RMSprop() {
        this(0.99, 0, 1e-8, 0);
    }

    /** A copy with another rho. */
    public RMSprop withRho(double newRho) {
        return new RMSprop(newRho, momentum, epsilon, weightDecay);
    }

    /** A copy with another momentum. */
    public RMSprop withMomentum(double newMomentum) {
        return new RMSprop(rho, newMomentum, epsilon, weightDecay);
    }

    /** A copy with another epsilon. */
    public RMSprop withEpsilon(double newEpsilon) {
        return new RMSprop(rho, momentum, newEpsilon, weightDecay);
    }

    /** A copy with another L2 weight decay. */
    public RMSprop withWeightDecay(double decay) {
        return new RMSprop(rho, momentum, epsilon, decay);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int slotCount() {
        return momentum == 0 ? 1 : 2;
    }

    @Override
    public OptimizerState newState(int length) {
        return OptimizerState.zeros(length, slotCount());
    }

    @Override
    public void step(
            float[] w, float[] g, int offset, int length, OptimizerState state, float learningRate, float gradScale) {
        StepArguments.check(this, w, g, offset, length, state, learningRate, gradScale);
        float[] ws = SliceStaging.weights(w, offset, length, state);
        float[] gs = SliceStaging.gradients(g, offset, length, state);
        float l2 = (float) weightDecay;
        float r = (float) rho;
        float oneMinusR = (float) (1 - rho);
        float eps = (float) epsilon;
        float[] v = state.slots()[0];
        if (momentum == 0) {
            for (int j = 0; j < length; j++) {
                float gj = gradScale * gs[j] + l2 * ws[j];
                float vj = r * v[j] + oneMinusR * gj * gj;
                v[j] = vj;
                ws[j] -= learningRate * (gj / ((float) Math.sqrt(vj) + eps));
            }
        } else {
            float mu = (float) momentum;
            float[] b = state.slots()[1];
            for (int j = 0; j < length; j++) {
                float gj = gradScale * gs[j] + l2 * ws[j];
                float vj = r * v[j] + oneMinusR * gj * gj;
                v[j] = vj;
                float bj = mu * b[j] + gj / ((float) Math.sqrt(vj) + eps);
                b[j] = bj;
                ws[j] -= learningRate * bj;
            }
        }
        SliceStaging.commit(ws, w, offset, length);
        state.incrementStep();
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("rho", rho);
        json.put("momentum", momentum);
        json.put("epsilon", epsilon);
        json.put("weightDecay", weightDecay);
        return JsonConfig.write(json);
    }

    static RMSprop read(JsonConfig json) {
        json.requireOnlyKeys("rho", "momentum", "epsilon", "weightDecay");
        return new RMSprop(
                json.number("rho", 0.99),
                json.number("momentum", 0),
                json.number("epsilon", 1e-8),
                json.number("weightDecay", 0));
    }
}
