package io.sparknn.distributed;

/**
 * Which local rows a worker trains on at each step. All workers of a run agree on the number of
 * steps per epoch and on the size of every global batch, so no worker waits for another that
 * has run out of data (uneven partitions cannot deadlock).
 */
public interface BatchPlan {

    /** Steps in every epoch, the same on all workers. */
    int stepsPerEpoch();

    /** Prepares the order of the local rows for {@code epoch} (0-based). */
    void startEpoch(int epoch);

    /** This worker's share of global batch {@code step} (0-based within the epoch). */
    Batch batch(int step);
}
