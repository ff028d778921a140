package io.sparknn.distributed.spark;

import java.time.Duration;

/**
 * How a training run is spread over Spark: workers (one barrier task each, long-lived for the
 * whole run), checkpoints, the collective timeout, and the input columns.
 *
 * @param numWorkers            barrier tasks; each needs a free task slot
 * @param checkpointDir         Hadoop FileSystem URI for checkpoints, or null for none
 * @param checkpointEveryEpochs checkpoint after every N epochs (0 = not by epochs)
 * @param checkpointEverySteps  checkpoint every N global steps (0 = not by steps)
 * @param timeout               how long a worker waits for a peer before failing the run
 * @param labelClasses          when &gt; 0, labels are class indices that must be integers in
 *                              {@code [0, labelClasses)}; the workers check them as they read them
 */
public record DistributedOptions(
        int numWorkers,
        String checkpointDir,
        int checkpointEveryEpochs,
        int checkpointEverySteps,
        Duration timeout,
        String featuresCol,
        String labelCol,
        String weightCol,
        FineTuning fineTuning,
        int labelClasses) {

    /**
     * Where training starts and what it keeps fixed: initial weights (null = fresh), frozen
     * parameter ranges ({@code [from, to)} pairs), early-stopping patience (0 = off).
     */
    public record FineTuning(float[] initialWeights, int[] frozenRanges, int earlyStoppingPatience) {
        public static final FineTuning NONE = new FineTuning(null, new int[0], 0);
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public DistributedOptions {
        if (numWorkers < 1) {
            throw new IllegalArgumentException("numWorkers must be >= 1, got " + numWorkers);
        }
        if (checkpointEveryEpochs < 0 || checkpointEverySteps < 0) {
            throw new IllegalArgumentException("checkpoint intervals must be >= 0 (0 = off)");
        }
        if (checkpointDir != null && checkpointDir.isBlank()) {
            checkpointDir = null;
        }
        if (checkpointDir != null && checkpointEveryEpochs == 0 && checkpointEverySteps == 0) {
            checkpointEveryEpochs = 1;
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        featuresCol = featuresCol == null ? "features" : featuresCol;
        labelCol = labelCol == null ? "label" : labelCol;
        weightCol = weightCol == null || weightCol.isBlank() ? null : weightCol;
        fineTuning = fineTuning == null ? FineTuning.NONE : fineTuning;
    }

    /** {@code numWorkers} workers, no checkpoints, columns {@code features} and {@code label}. */
    public static DistributedOptions workers(int numWorkers) {
        return new DistributedOptions(numWorkers, null, 0, 0, DEFAULT_TIMEOUT, null, null, null, null, 0);
    }

    public DistributedOptions withCheckpoints(String dir, int everyEpochs, int everySteps) {
        return new DistributedOptions(
                numWorkers,
                dir,
                everyEpochs,
                everySteps,
                timeout,
                featuresCol,
                labelCol,
                weightCol,
                fineTuning,
                labelClasses);
    }

    public DistributedOptions withTimeout(Duration t) {
        return new DistributedOptions(
                numWorkers,
                checkpointDir,
                checkpointEveryEpochs,
                checkpointEverySteps,
                t,
                featuresCol,
                labelCol,
                weightCol,
                fineTuning,
                labelClasses);
    }

    public DistributedOptions withColumns(String features, String label, String weight) {
        return new DistributedOptions(
                numWorkers,
                checkpointDir,
                checkpointEveryEpochs,
                checkpointEverySteps,
                timeout,
                features,
                label,
                weight,
                fineTuning,
                labelClasses);
    }

    public DistributedOptions withFineTuning(FineTuning f) {
        return new DistributedOptions(
                numWorkers,
                checkpointDir,
                checkpointEveryEpochs,
                checkpointEverySteps,
                timeout,
                featuresCol,
                labelCol,
                weightCol,
                f,
                labelClasses);
    }

    /** Labels are class indices {@code 0 .. classes-1}, checked as the workers read them. */
    public DistributedOptions withLabelClasses(int classes) {
        return new DistributedOptions(
                numWorkers,
                checkpointDir,
                checkpointEveryEpochs,
                checkpointEverySteps,
                timeout,
                featuresCol,
                labelCol,
                weightCol,
                fineTuning,
                classes);
    }
}
