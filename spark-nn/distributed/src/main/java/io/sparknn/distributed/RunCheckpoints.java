package io.sparknn.distributed;

import io.sparknn.distributed.checkpoint.Checkpoint;
import io.sparknn.distributed.checkpoint.Checkpoint.EpochSums;
import io.sparknn.distributed.checkpoint.CheckpointStore;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.model.SavedNetwork;
import io.sparknn.model.TrainingState;
import io.sparknn.optim.OptimizerState;
import io.sparknn.optim.SlicedOptimizer;
import io.sparknn.train.EpochStats;
import io.sparknn.train.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's view of the run's checkpoints: when one is due, where to resume, and writing one.
 * Writing is collective (every worker contributes its optimizer slice and its running
 * statistics); worker 0 alone writes the file. Without a store nothing is due and nothing resumes.
 */
final class RunCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(RunCheckpoints.class);

    private final WorkerSettings settings;
    private final Collective collective;
    private final CheckpointStore store;

    /** @param store null for none */
    RunCheckpoints(WorkerSettings settings, Collective collective, CheckpointStore store) {
        this.settings = settings;
        this.collective = collective;
        this.store = store;
    }

    /** Restores the newest checkpoint into {@code params} and {@code state}, if there is one. */
    ResumePoint resume(float[] params, float[] state, int sliceFrom, int sliceTo) {
        Optional<Checkpoint> latest = latest();
        if (latest.isEmpty()) {
            return ResumePoint.FRESH;
        }
        Checkpoint c = latest.get();
        if (!c.network().spec().equals(settings.spec())) {
            throw new IllegalStateException("The checkpoint in " + store.location() + " is for another network ("
                    + c.network().spec().toJson() + "). Use a new checkpointDir for a different network.");
        }
        boolean first = collective.rank() == 0; // the checkpoint holds the global sums; count them once
        ResumePoint p = ResumePoint.restore(c, params, state, first, sliceFrom, sliceTo);
        if (first) {
            LOG.info(
                    "Resuming from the checkpoint at epoch {} step {} (global step {}) in {}",
                    p.epoch() + 1,
                    p.stepInEpoch(),
                    p.globalStep(),
                    store.location());
        }
        return p;
    }

    /** Whether a step checkpoint falls after this step; the last step of an epoch is left to {@link #dueAfterEpoch}. */
    boolean dueWithinEpoch(long globalStep, boolean lastStepOfEpoch) {
        return store != null
                && !lastStepOfEpoch
                && settings.checkpointEverySteps() > 0
                && globalStep % settings.checkpointEverySteps() == 0;
    }

    /** Whether a checkpoint falls after the 0-based {@code epoch}; none after the last epoch. */
    boolean dueAfterEpoch(int epoch, long globalStep) {
        boolean due = settings.checkpointEveryEpochs() > 0 && (epoch + 1) % settings.checkpointEveryEpochs() == 0;
        boolean dueBySteps = settings.checkpointEverySteps() > 0 && globalStep % settings.checkpointEverySteps() == 0;
        return store != null
                && (due || dueBySteps)
                && epoch + 1 < settings.training().epochs();
    }

    /**
     * Gathers every worker's optimizer slice, running statistics and epoch sums, and lets worker 0
     * write the checkpoint. Every worker must call it at the same step.
     */
    void write(
            float[] params,
            float[] liveState,
            SlicedOptimizer optimizer,
            int epoch,
            int stepInEpoch,
            long globalStep,
            EpochSums partial,
            List<EpochStats> history) {
        int n = params.length;
        int from = collective.sliceStart(collective.rank(), n);
        OptimizerState mine = optimizer.wholeState();
        float[][] slots = new float[mine.slots().length][];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = new float[n];
            System.arraycopy(mine.slots()[k], 0, slots[k], from, mine.length());
            collective.allGather(slots[k], 0, n);
        }
        float[] state = liveState.clone();
        RunningStatistics.averageOverWorkers(collective, state);
        double[] sums = {partial.lossSum(), partial.weightSum(), partial.correct(), partial.samples()};
        collective.allReduceSum(sums); // this epoch so far, over all workers
        if (collective.rank() != 0) {
            return;
        }
        TrainingConfig cfg = settings.training();
        TrainingState position = TrainingState.builder()
                .epoch(epoch)
                .stepInEpoch(stepInEpoch)
                .globalStep(globalStep)
                .seed(cfg.seed())
                .build();
        SavedNetwork network = new SavedNetwork(
                settings.spec(),
                params.clone(),
                state,
                cfg.optimizer(),
                new OptimizerState(n, mine.step(), slots),
                position);
        try {
            store.save(new Checkpoint(network, new EpochSums(sums[0], sums[1], sums[2], sums[3]), history));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not write the checkpoint to " + store.location() + ": " + e.getMessage()
                            + ". Check that the directory is writable.",
                    e);
        }
        LOG.info(
                "Checkpoint at epoch {} step {} (global step {}) written to {}",
                epoch + 1,
                stepInEpoch,
                globalStep,
                store.location());
    }

    private Optional<Checkpoint> latest() {
        if (store == null) {
            return Optional.empty();
        }
        try {
            return store.latest();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read the checkpoints in " + store.location() + ": " + e.getMessage(), e);
        }
    }
}
