package io.sparknn.train;

/**
 * Training stopped because the loss or the weights stopped being finite numbers (NaN or
 * Infinity): continuing would only produce, save and score a model of NaN. The message names
 * the epoch and step and suggests the fix (learning rate, feature/label scale, clipping).
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long globalStep;

    public TrainingDivergedException(String message, int epoch, long globalStep) {
        super(message);
        this.epoch = epoch;
        this.globalStep = globalStep;
    }

    /** The epoch (from 1) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The number of updates applied before the divergence was seen. */
    public long globalStep() {
        return globalStep;
    }
}
