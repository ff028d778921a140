package io.sparknn.distributed;

/** Receives progress of a run from worker 0: after every {@code step} and at epoch ends. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** A step finished: epoch and step are 0-based; loss is the running mean of the epoch on worker 0. */
    default void step(int epoch, int step, int stepsPerEpoch, double runningLoss, double samplesPerSecond) {}

    /** An epoch finished with these global figures. */
    default void epoch(io.sparknn.train.EpochStats stats) {}
}
