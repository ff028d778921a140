package io.sparknn.optim;

import io.sparknn.optim.schedule.LearningRateSchedule;

/**
 * An update rule for a flat parameter vector: an immutable configuration of hyper-parameters.
 * The learning rate is not part of it; it comes from a {@link LearningRateSchedule} at every
 * step. Everything that changes during training lives in an {@link OptimizerState}.
 *
 * <p>All rules work element-wise, so updating {@code [0, n)} in one call gives bit-identical
 * weights to updating {@code [0, a)} and {@code [a, n)} with two states of the right lengths.
 * That is what lets a sharded trainer keep each worker's state for its own slice only.
 *
 * <p>The effective gradient of parameter {@code j} is {@code gradScale * g[j] + l2 * w[j]},
 * where {@code l2} is the optimizer's coupled (L2) weight decay, if it has one. The weight
 * decay is not multiplied by {@code gradScale}: clipping and loss normalisation apply to the
 * loss gradient only, as in PyTorch where the optimizer adds the decay after clipping.
 */
public sealed interface Optimizer permits Sgd, AdamFamily, RMSprop, Adagrad {

    /** The JSON name: "sgd", "adam", "adamw", "rmsprop" or "adagrad". */
    String name();

    /** Number of per-parameter slots this configuration keeps in its state. */
    int slotCount();

    /** A fresh state (step 0) for a slice of {@code length} parameters. */
    OptimizerState newState(int length);

    /**
     * Applies one update to {@code w[offset, offset + length)} in place and increments
     * {@code state.step()}. Does not allocate.
     *
     * @param w the flat weights; only the slice is read and written
     * @param g the flat gradients, indexed like {@code w}; only the slice is read
     * @param offset first parameter of the slice
     * @param length number of parameters of the slice
     * @param state the state created for this slice by {@link #newState(int)}
     * @param learningRate the learning rate of this step, finite and {@code >= 0}
     * @param gradScale multiplies every gradient, e.g. a clipping factor times 1/batchSize
     * @throws IllegalArgumentException if the slice is out of bounds, the state does not fit
     *     the slice or this optimizer, or a rate or scale is not finite
     */
    void step(float[] w, float[] g, int offset, int length, OptimizerState state, float learningRate, float gradScale);

    /** The configuration as JSON, read back by {@link Optimizers#fromJson(String)}. */
    String toJson();
}
