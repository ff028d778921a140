package io.sparknn.distributed;

import io.sparknn.train.EpochStats;
import java.util.List;

/**
 * The outcome of a worker: the final weights (identical on all workers), the network state
 * (BatchNormalization running statistics, averaged over the workers), the per-epoch history
 * (global figures, identical on all workers), the global step count, and the epoch the run
 * resumed from (0 for a fresh start).
 */
public record WorkerResult(
        float[] weights,
        float[] state,
        List<EpochStats> history,
        long globalSteps,
        int resumedFromEpoch,
        long resumedFromStep) {}
