package io.sparknn.optim.schedule;

/**
 * The learning rate as a function of the update number. {@code step} counts from 0, the first
 * update, i.e. it is {@link OptimizerState#step()} before the update. Schedules are immutable
 * and can be written to and read from JSON ({@link LearningRateSchedules#fromJson(String)}).
 */
public sealed interface LearningRateSchedule
        permits ConstantRate, StepDecay, ExponentialDecay, CosineDecay, LinearWarmup {

    /**
     * The learning rate of update {@code step}.
     *
     * @throws IllegalArgumentException if {@code step < 0}
     */
    float rate(long step);

    /** The JSON name: "constant", "step", "exponential", "cosine" or "warmup". */
    String name();

    /** The schedule as JSON, read back by {@link LearningRateSchedules#fromJson(String)}. */
    String toJson();

    /** {@code lr} at every step. */
    static LearningRateSchedule constant(double lr) {
        return new ConstantRate(lr);
    }

    /** {@code lr * gamma^floor(step / stepSize)}. */
    static LearningRateSchedule step(double lr, long stepSize, double gamma) {
        return new StepDecay(lr, stepSize, gamma);
    }

    /** {@code lr * decayRate^(step / decaySteps)}, continuous in {@code step}. */
    static LearningRateSchedule exponential(double lr, double decayRate, double decaySteps) {
        return new ExponentialDecay(lr, decayRate, decaySteps);
    }

    /**
     * {@code minLr + (lr - minLr) * (1 + cos(pi * step / totalSteps)) / 2} for
     * {@code step < totalSteps}, then {@code minLr}.
     */
    static LearningRateSchedule cosine(double lr, long totalSteps, double minLr) {
        return new CosineDecay(lr, totalSteps, minLr);
    }

    /**
     * {@code inner.rate(step) * (step + 1) / warmupSteps} for {@code step < warmupSteps}, then
     * {@code inner.rate(step)}.
     */
    static LearningRateSchedule warmup(LearningRateSchedule inner, long warmupSteps) {
        return new LinearWarmup(inner, warmupSteps);
    }
}
