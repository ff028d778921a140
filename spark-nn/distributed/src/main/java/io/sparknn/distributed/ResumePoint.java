package io.sparknn.distributed;

import io.sparknn.distributed.checkpoint.Checkpoint;
import io.sparknn.distributed.checkpoint.Checkpoint.EpochSums;
import io.sparknn.model.TrainingState;
import io.sparknn.optim.OptimizerState;
import io.sparknn.train.EpochStats;
import java.util.Arrays;
import java.util.List;

/**
 * Where a worker starts: epoch, step within it and global step, the sums of the steps already
 * taken in that epoch, the finished epochs, and this worker's slice of the optimizer state (null
 * for a fresh optimizer).
 */
record ResumePoint(
        int epoch,
        int stepInEpoch,
        long globalStep,
        EpochSums carried,
        List<EpochStats> history,
        OptimizerState optimizerSlice) {
    static final ResumePoint FRESH = new ResumePoint(0, 0, 0, EpochSums.NONE, List.of(), null);

    boolean resumed() {
        return this != FRESH;
    }

    /**
     * Copies the checkpoint's weights and state into {@code params} and {@code state} and returns
     * where to continue.
     *
     * @param countSums whether this worker carries the checkpoint's epoch sums; they are global,
     *                  so exactly one worker (worker 0) may count them
     */
    static ResumePoint restore(
            Checkpoint c, float[] params, float[] state, boolean countSums, int sliceFrom, int sliceTo) {
        System.arraycopy(c.network().weights(), 0, params, 0, params.length);
        System.arraycopy(c.network().state(), 0, state, 0, state.length);
        TrainingState ts = c.trainingState();
        OptimizerState whole = c.network().optimizerState();
        return new ResumePoint(
                (int) ts.epoch(),
                (int) ts.stepInEpoch(),
                ts.globalStep(),
                countSums ? c.partialEpoch() : EpochSums.NONE,
                c.history(),
                whole == null ? null : slice(whole, sliceFrom, sliceTo));
    }

    /** The part {@code [from, to)} of a whole-network optimizer state. */
    private static OptimizerState slice(OptimizerState whole, int from, int to) {
        float[][] slots = new float[whole.slots().length][];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = Arrays.copyOfRange(whole.slots()[k], from, to);
        }
        return new OptimizerState(to - from, whole.step(), slots);
    }
}
