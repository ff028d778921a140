package io.sparknn.optim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;
import io.sparknn.optim.schedule.LearningRateSchedule;
import java.util.Arrays;

/**
 * Adagrad (Duchi et al.), following PyTorch's {@code torch.optim.Adagrad} without learning-rate
 * decay (use a {@link LearningRateSchedule} for that):
 * <pre>
 *   g' = gradScale * g + weightDecay * w
 *   s += g'^2                      (s starts at initialAccumulatorValue)
 *   w -= lr * g' / (sqrt(s) + epsilon)
 * </pre>
 * State: slot 0 is the accumulator {@code s}. The defaults are PyTorch's (0 and 1e-10);
 * Keras uses 0.1 and 1e-7.
 *
 * @param initialAccumulatorValue starting value of {@code s}, {@code >= 0}. Default 0
 * @param epsilon added to the denominator, {@code > 0}. Default 1e-10
 * @param weightDecay L2 penalty added to the gradient, {@code >= 0}. Default 0
 */
public record Adagrad(double initialAccumulatorValue, double epsilon, double weightDecay) implements Optimizer {
    static final String NAME = "adagrad";

    /** Validates the ranges; errors name the JSON key. */
    public Adagrad {
        HyperParameter.nonNegative("Adagrad", "initialAccumulatorValue", initialAccumulatorValue);
        HyperParameter.positive("Adagrad", "epsilon", epsilon);
        HyperParameter.nonNegative("Adagrad", "weightDecay", weightDecay);
    }

    /** Adagrad with PyTorch's defaults: accumulator 0, epsilon 1e-10, no weight decay. */
    public Adagrad() {
        this(0, 1e-10, 0);
    }

    /** A copy with another initial accumulator value. */
    public Adagrad withInitialAccumulatorValue(double value) {
        return new Adagrad(value, epsilon, weightDecay);
    }

    /** A copy with another epsilon. */
    public Adagrad withEpsilon(double newEpsilon) {
        return new Adagrad(initialAccumulatorValue, newEpsilon, weightDecay);
    }

    /** A copy with another L2 weight decay. */
    public Adagrad withWeightDecay(double decay) {
        return new Adagrad(initialAccumulatorValue, epsilon, decay);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int slotCount() {
        return 1;
    }

    @Override
    public OptimizerState newState(int length) {
        OptimizerState state = OptimizerState.zeros(length, 1);
        Arrays.fill(state.slots()[0], (float) initialAccumulatorValue);
        return state;
    }

    @Override
    public void step(
            float[] w, float[] g, int offset, int length, OptimizerState state, float learningRate, float gradScale) {
        StepArguments.check(this, w, g, offset, length, state, learningRate, gradScale);
        float[] ws = SliceStaging.weights(w, offset, length, state);
        float[] gs = SliceStaging.gradients(g, offset, length, state);
        float l2 = (float) weightDecay;
        float eps = (float) epsilon;
        float[] s = state.slots()[0];
        for (int j = 0; j < length; j++) {
            float gj = gradScale * gs[j] + l2 * ws[j];
            float sj = s[j] + gj * gj;
            s[j] = sj;
            ws[j] -= learningRate * gj / ((float) Math.sqrt(sj) + eps);
        }
        SliceStaging.commit(ws, w, offset, length);
        state.incrementStep();
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("initialAccumulatorValue", initialAccumulatorValue);
        json.put("epsilon", epsilon);
        json.put("weightDecay", weightDecay);
        return JsonConfig.write(json);
    }

    static Adagrad read(JsonConfig json) {
        json.requireOnlyKeys("initialAccumulatorValue", "epsilon", "weightDecay");
        return new Adagrad(
                json.number("initialAccumulatorValue", 0),
                json.number("epsilon", 1e-10),
                json.number("weightDecay", 0));
    }
}
