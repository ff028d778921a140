package io.sparknn.distributed;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.train.Permutations;
import io.sparknn.train.Seeds;

/**
 * Every worker holds the whole dataset and walks the same global order, taking slice
 * {@code rank} of each global batch. The order is the one the local trainer uses, so one worker
 * reproduces local training and N workers reproduce it up to float summation order. For tests
 * and for data small enough to replicate.
 */
public final class GlobalBatchPlan implements BatchPlan {
    private final int size;
    private final int batchSize;
    private final int rank;
    private final int workers;
    private final long seed;
    private final int[] order;

    public GlobalBatchPlan(int datasetSize, int batchSize, int rank, int workers, long seed) {
        this.size = datasetSize;
        this.batchSize = Math.min(batchSize, datasetSize);
        this.rank = rank;
        this.workers = workers;
        this.seed = seed;
        this.order = new int[datasetSize];
    }

    @Override
    public int stepsPerEpoch() {
        return (size + batchSize - 1) / batchSize;
    }

    @Override
    public void startEpoch(int epoch) {
        Permutations.fill(order, Seeds.shuffle(seed, epoch, 0));
    }

    @Override
    public Batch batch(int step) {
        int first = step * batchSize;
        int global = Math.min(batchSize, size - first);
        int from = Collective.sliceStart(rank, workers, global);
        int to = Collective.sliceEnd(rank, workers, global);
        return new Batch(order, first + from, to - from, global, from);
    }
}
