package io.sparknn.optim.schedule;

import io.sparknn.optim.config.JsonConfig;
import java.util.List;

/** Reads learning-rate schedules from their JSON form. */
public final class LearningRateSchedules {
    /** The accepted schedule names. */
    public static final List<String> NAMES =
            List.of(ConstantRate.NAME, StepDecay.NAME, ExponentialDecay.NAME, CosineDecay.NAME, LinearWarmup.NAME);

    private LearningRateSchedules() {}

    /**
     * Reads a schedule such as {@code {"name":"step","learningRate":0.1,"stepSize":100,
     * "gamma":0.5}}; see each schedule's Javadoc for its keys.
     *
     * @throws IllegalArgumentException if the name or a key is unknown, a required key is
     *     missing, or a value has the wrong type or is out of range; the message names the key
     */
    public static LearningRateSchedule fromJson(String json) {
        return read(JsonConfig.parse("learning-rate schedule", json));
    }

    static LearningRateSchedule read(JsonConfig config) {
        String name = config.name();
        return switch (name) {
            case ConstantRate.NAME -> ConstantRate.read(config);
            case StepDecay.NAME -> StepDecay.read(config);
            case ExponentialDecay.NAME -> ExponentialDecay.read(config);
            case CosineDecay.NAME -> CosineDecay.read(config);
            case LinearWarmup.NAME -> LinearWarmup.read(config);
            default ->
                throw new IllegalArgumentException("Unknown learning-rate schedule '" + name + "'. Accepted names: "
                        + String.join(", ", NAMES) + ".");
        };
    }
}
