package io.sparknn.optim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * Half a cosine from {@code learningRate} down to {@code minLearningRate}:
 * <pre>
 *   rate(step) = minLearningRate + (learningRate - minLearningRate)
 *                * (1 + cos(pi * step / totalSteps)) / 2      for step &lt; totalSteps
 *   rate(step) = minLearningRate                               afterwards
 * </pre>
 * JSON: {@code {"name":"cosine","learningRate":0.1,"totalSteps":10000,"minLearningRate":0}}.
 *
 * @param learningRate the rate at step 0, {@code >= 0}
 * @param totalSteps number of updates of the decay, {@code >= 1}
 * @param minLearningRate the final rate, in {@code [0, learningRate]}. Default 0 in JSON
 */
public record CosineDecay(double learningRate, long totalSteps, double minLearningRate)
        implements LearningRateSchedule {
    static final String NAME = "cosine";

    /** Validates the ranges; errors name the JSON key. */
    public CosineDecay {
        HyperParameter.nonNegative("Cosine schedule", "learningRate", learningRate);
        HyperParameter.atLeast("Cosine schedule", "totalSteps", 1, totalSteps);
        HyperParameter.nonNegative("Cosine schedule", "minLearningRate", minLearningRate);
        if (minLearningRate > learningRate) {
            throw new IllegalArgumentException("Cosine schedule minLearningRate (" + minLearningRate
                    + ") must not exceed learningRate (" + learningRate + ").");
        }
    }

    @Override
    public float rate(long step) {
        HyperParameter.atLeast("Learning-rate schedule", "step", 0, step);
        if (step >= totalSteps) {
            return (float) minLearningRate;
        }
        double cosine = Math.cos(Math.PI * step / totalSteps);
        return (float) (minLearningRate + (learningRate - minLearningRate) * (1 + cosine) / 2);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("learningRate", learningRate);
        json.put("totalSteps", totalSteps);
        json.put("minLearningRate", minLearningRate);
        return JsonConfig.write(json);
    }

    static CosineDecay read(JsonConfig json) {
        json.requireOnlyKeys("learningRate", "totalSteps", "minLearningRate");
        return new CosineDecay(
                json.requiredNumber("learningRate"),
                json.requiredWholeNumber("totalSteps"),
                json.number("minLearningRate", 0));
    }
}
