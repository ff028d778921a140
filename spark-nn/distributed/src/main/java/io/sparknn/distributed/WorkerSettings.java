package io.sparknn.distributed;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.TrainingConfig;

/**
 * What every worker of a run is told: the network, the training configuration (its batch size
 * is the GLOBAL batch, its thread count the threads per worker), how batches are assigned, and
 * when to checkpoint (0 = never by that measure).
 */
public record WorkerSettings(NetworkSpec spec, TrainingConfig training, Sharding sharding,
                             int checkpointEverySteps, int checkpointEveryEpochs) {

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
    }
}
