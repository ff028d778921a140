package io.sparknn.optim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * Smooth exponential decay: {@code rate(step) = learningRate * decayRate^(step / decaySteps)}
 * with real division (Keras's ExponentialDecay without staircase).
 * JSON: {@code {"name":"exponential","learningRate":0.01,"decayRate":0.96,"decaySteps":1000}}.
 *
 * @param learningRate the rate at step 0, {@code >= 0}
 * @param decayRate factor applied every {@code decaySteps} updates, {@code > 0}
 * @param decaySteps updates over which the rate is multiplied by {@code decayRate}, {@code > 0}
 */
public record ExponentialDecay(double learningRate, double decayRate, double decaySteps)
        implements LearningRateSchedule {
    static final String NAME = "exponential";

    /** Validates the ranges; errors name the JSON key. */
    public ExponentialDecay {
        HyperParameter.nonNegative("Exponential schedule", "learningRate", learningRate);
        HyperParameter.positive("Exponential schedule", "decayRate", decayRate);
        HyperParameter.positive("Exponential schedule", "decaySteps", decaySteps);
    }

    @Override
    public float rate(long step) {
        HyperParameter.atLeast("Learning-rate schedule", "step", 0, step);
        return (float) (learningRate * Math.pow(decayRate, step / decaySteps));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("learningRate", learningRate);
        json.put("decayRate", decayRate);
        json.put("decaySteps", decaySteps);
        return JsonConfig.write(json);
    }

    static ExponentialDecay read(JsonConfig json) {
        json.requireOnlyKeys("learningRate", "decayRate", "decaySteps");
        return new ExponentialDecay(
                json.requiredNumber("learningRate"),
                json.requiredNumber("decayRate"),
                json.requiredNumber("decaySteps"));
    }
}
