package io.sparknn.optim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * Multiplies the rate by {@code gamma} every {@code stepSize} updates:
 * {@code rate(step) = learningRate * gamma^floor(step / stepSize)} (PyTorch's StepLR).
 * JSON: {@code {"name":"step","learningRate":0.1,"stepSize":1000,"gamma":0.5}}.
 *
 * @param learningRate the rate of the first {@code stepSize} updates, {@code >= 0}
 * @param stepSize updates between two decays, {@code >= 1}
 * @param gamma the decay factor, {@code > 0}
 */
public record StepDecay(double learningRate, long stepSize, double gamma) implements LearningRateSchedule {
    static final String NAME = "step";

    /** Validates the ranges; errors name the JSON key. */
    public StepDecay {
        HyperParameter.nonNegative("Step schedule", "learningRate", learningRate);
        HyperParameter.atLeast("Step schedule", "stepSize", 1, stepSize);
        HyperParameter.positive("Step schedule", "gamma", gamma);
    }

    @Override
    public float rate(long step) {
        HyperParameter.atLeast("Learning-rate schedule", "step", 0, step);
        return (float) (learningRate * Math.pow(gamma, (double) (step / stepSize)));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("learningRate", learningRate);
        json.put("stepSize", stepSize);
        json.put("gamma", gamma);
        return JsonConfig.write(json);
    }

    static StepDecay read(JsonConfig json) {
        json.requireOnlyKeys("learningRate", "stepSize", "gamma");
        return new StepDecay(
                json.requiredNumber("learningRate"),
                json.requiredWholeNumber("stepSize"),
                json.requiredNumber("gamma"));
    }
}
