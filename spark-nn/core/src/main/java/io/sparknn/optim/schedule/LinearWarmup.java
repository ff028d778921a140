package io.sparknn.optim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.HyperParameter;
import io.sparknn.optim.config.JsonConfig;

/**
 * Ramps another schedule up linearly over the first {@code warmupSteps} updates:
 * <pre>
 *   rate(step) = inner.rate(step) * (step + 1) / warmupSteps    for step &lt; warmupSteps
 *   rate(step) = inner.rate(step)                               afterwards
 * </pre>
 * so the first update uses {@code 1 / warmupSteps} of the inner rate and update
 * {@code warmupSteps - 1} the full rate. The inner schedule sees the same step numbers (it is
 * not shifted). JSON:
 * {@code {"name":"warmup","warmupSteps":500,"inner":{"name":"cosine",...}}}.
 *
 * @param inner the schedule being warmed up
 * @param warmupSteps length of the ramp, {@code >= 1}
 */
public record LinearWarmup(LearningRateSchedule inner, long warmupSteps) implements LearningRateSchedule {
    static final String NAME = "warmup";

    /** Validates the arguments; errors name the JSON key. */
    public LinearWarmup {
        if (inner == null) {
            throw new IllegalArgumentException("Warmup schedule inner must be a schedule, got null.");
        }
        HyperParameter.atLeast("Warmup schedule", "warmupSteps", 1, warmupSteps);
    }

    @Override
    public float rate(long step) {
        float rate = inner.rate(step);
        if (step < warmupSteps) {
            return (float) ((double) rate * (step + 1) / warmupSteps);
        }
        return rate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toJson() {
        ObjectNode json = JsonConfig.newObject(NAME);
        json.put("warmupSteps", warmupSteps);
        json.set("inner", JsonConfig.tree(inner.toJson()));
        return JsonConfig.write(json);
    }

    static LinearWarmup read(JsonConfig json) {
        json.requireOnlyKeys("warmupSteps", "inner");
        return new LinearWarmup(
                LearningRateSchedules.read(json.object("inner")), json.requiredWholeNumber("warmupSteps"));
    }
}
