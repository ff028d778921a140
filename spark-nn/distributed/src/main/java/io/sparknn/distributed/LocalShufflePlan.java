package io.sparknn.distributed;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.train.Permutations;
import io.sparknn.train.Seeds;

/**
 * Each worker shuffles its own partition every epoch (seeded by seed, epoch and rank) and takes
 * its slice of every global batch from it. An epoch has {@code ceil(total / batchSize)} steps for
 * everyone; a worker whose partition is smaller than its share wraps around its order, so the
 * global batch always has its full size. With evenly repartitioned data every row is visited
 * about once per epoch.
 */
public final class LocalShufflePlan implements BatchPlan {
    private final int localSize;
    private final long totalSize;
    private final int batchSize;
    private final int rank;
    private final int workers;
    private final long seed;
    private final int[] order;
    private int[] wrapped = new int[0];

    /**
     * @param localSize rows on this worker (may be 0 only if other workers have rows)
     * @param totalSize rows on all workers together
     */
    public LocalShufflePlan(int localSize, long totalSize, int batchSize, int rank, int workers, long seed) {
        if (totalSize <= 0) {
            throw new IllegalArgumentException("The training data is empty on every worker");
        }
        this.localSize = localSize;
        this.totalSize = totalSize;
        this.batchSize = (int) Math.min(batchSize, totalSize);
        this.rank = rank;
        this.workers = workers;
        this.seed = seed;
        this.order = new int[localSize];
    }

    @Override
    public int stepsPerEpoch() {
        return (int) ((totalSize + batchSize - 1) / batchSize);
    }

    @Override
    public void startEpoch(int epoch) {
        Permutations.fill(order, Seeds.shuffle(seed, epoch, rank));
    }

    @Override
    public Batch batch(int step) {
        int global = (int) Math.min(batchSize, totalSize - (long) step * batchSize);
        int from = Collective.sliceStart(rank, workers, global);
        int count = Collective.sliceEnd(rank, workers, global) - from;
        if (localSize == 0) {
            if (count > 0) {
                throw new IllegalStateException("Worker " + rank + " has no rows but must contribute " + count
                        + " to a batch; repartition the data so that every worker gets rows");
            }
            return new Batch(order, 0, 0, global, from);
        }
        // Every step before the last takes a full global batch, so this worker's position in its
        // order follows from the step alone (a resumed run starts mid-epoch at the right row).
        long fullShare =
                Collective.sliceEnd(rank, workers, batchSize) - Collective.sliceStart(rank, workers, batchSize);
        int start = (int) ((step * fullShare) % localSize);
        if (start + count <= localSize) {
            return new Batch(order, start, count, global, from);
        }
        if (wrapped.length < count) {
            wrapped = new int[count];
        }
        for (int i = 0; i < count; i++) {
            wrapped[i] = order[(start + i) % localSize];
        }
        return new Batch(wrapped, 0, count, global, from);
    }
}
