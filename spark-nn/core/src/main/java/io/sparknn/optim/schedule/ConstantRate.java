package io.sparknn.optim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * The same learning rate at every step. JSON: {@code {"name":"constant","learningRate":0.001}}.
 *
 * @param learningRate the rate, finite and {@code >= 0}
 */
public record ConstantRate(double learningRate) implements LearningRateSchedule {
    static final String NAME = "constant";

    /** Validates the rate; errors name the JSON key. */
    public ConstantRate {
        HyperParameter.nonNegative("Constant schedule", "learningRate", learningRate);
    }

    @Override
    public float rate(long step) {
        HyperParameter.atLeast("Learning-rate schedule", "step", 0, step);
        return (float) learningRate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("learningRate", learningRate);
        return JsonConfig.write(json);
    }

    static ConstantRate read(JsonConfig json) {
        json.requireOnlyKeys("learningRate");
        return new ConstantRate(json.requiredNumber("learningRate"));
    }
}
