package io.sparknn.distributed;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.TrainingConfig;

/**
 * What every worker of a run is told: the network, the training configuration (its batch size
 * is the GLOBAL batch, its thread count the threads per worker), how batches are assigned, when
 * to checkpoint (0 = never by that measure), and the fine-tuning options: initial weights,
 * frozen parameter ranges, and early stopping on the validation loss.
 *
 * @param initialWeights        weights to start from instead of a fresh initialisation, or null
 * @param frozenRanges          pairs {@code [from, to)} of parameter indices that stay fixed, or empty
 * @param earlyStoppingPatience stop after this many epochs without a better validation loss and
 *                              keep the best epoch's weights (0 = off; needs validation data)
 */
public record WorkerSettings(
        NetworkSpec spec,
        TrainingConfig training,
        Sharding sharding,
        int checkpointEverySteps,
        int checkpointEveryEpochs,
        float[] initialWeights,
        int[] frozenRanges,
        int earlyStoppingPatience) {

    /** How the rows of a global batch are found. */
    public enum Sharding {
        /** Each worker shuffles its own partition ({@link LocalShufflePlan}): the production mode. */
        LOCAL_SHUFFLE,
        /** Each worker holds all rows and takes its slice of each global batch ({@link GlobalBatchPlan}). */
        GLOBAL
    }

    public WorkerSettings {
        if (checkpointEverySteps < 0 || checkpointEveryEpochs < 0) {
            throw new IllegalArgumentException("checkpoint intervals must be >= 0 (0 = off), got steps="
                    + checkpointEverySteps + " epochs=" + checkpointEveryEpochs);
        }
        if (initialWeights != null && initialWeights.length != spec.paramCount()) {
            throw new IllegalArgumentException("The initial weights have " + initialWeights.length
                    + " values but the network has " + spec.paramCount() + " parameters");
        }
        frozenRanges = frozenRanges == null ? new int[0] : frozenRanges.clone();
        if (frozenRanges.length % 2 != 0) {
            throw new IllegalArgumentException("frozenRanges must hold [from, to) pairs");
        }
        if (earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("earlyStoppingPatience must be >= 0, got " + earlyStoppingPatience);
        }
    }

    public WorkerSettings(
            NetworkSpec spec,
            TrainingConfig training,
            Sharding sharding,
            int checkpointEverySteps,
            int checkpointEveryEpochs) {
        this(spec, training, sharding, checkpointEverySteps, checkpointEveryEpochs, null, null, 0);
    }
}
