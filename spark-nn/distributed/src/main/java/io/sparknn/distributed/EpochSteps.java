package io.sparknn.distributed;

import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.checkpoint.Checkpoint.EpochSums;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.nn.BackwardProgress;
import io.sparknn.optim.GradientClipping;
import io.sparknn.optim.SlicedOptimizer;
import io.sparknn.train.DataParallelStep;
import io.sparknn.train.DivergenceCheck;
import io.sparknn.train.EpochStats;
import io.sparknn.train.Seeds;
import io.sparknn.train.TrainingConfig;
import java.util.Arrays;
import java.util.List;

/**
 * The optimizer steps of one epoch on one worker: its share of each global batch forward and
 * backward, reduce-scatter of the gradients (in buckets during the backward pass when given an
 * {@link OverlappedReduceScatter}), divergence checks, frozen parameters, clipping, the
 * update of this worker's slice, all-gather of the weights, progress, and step checkpoints. It
 * counts the global step across epochs and the time spent computing and communicating.
 */
final class EpochSteps {
    private final TrainingConfig cfg;
    private final Collective collective;
    private final LabeledSamples train;
    private final BatchPlan plan;
    private final boolean weighted;
    private final DataParallelStep step;
    private final SlicedOptimizer optimizer;
    private final FrozenParameters frozen;
    private final DivergenceCheck divergence;
    private final RunCheckpoints checkpoints;
    private final ProgressListener progress;
    private final OverlappedReduceScatter overlap; // null: reduce-scatter after the backward pass
    private final float[] params;
    private final float[] state;
    private final int sliceFrom;
    private final int sliceTo;
    private final double[] small = new double[1];
    private long globalStep;
    private long computeNanos;
    private long commNanos;

    /** @param weighted whether any worker has row weights (a global fact: every worker must agree) */
    EpochSteps(
            WorkerSettings settings,
            Collective collective,
            LabeledSamples train,
            BatchPlan plan,
            boolean weighted,
            DataParallelStep step,
            SlicedOptimizer optimizer,
            FrozenParameters frozen,
            DivergenceCheck divergence,
            RunCheckpoints checkpoints,
            ProgressListener progress,
            OverlappedReduceScatter overlap,
            long globalStep) {
        this.cfg = settings.training();
        this.collective = collective;
        this.train = train;
        this.plan = plan;
        this.weighted = weighted;
        this.step = step;
        this.optimizer = optimizer;
        this.frozen = frozen;
        this.divergence = divergence;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.overlap = overlap;
        this.params = step.network().params();
        this.state = step.network().state();
        this.sliceFrom = collective.sliceStart(collective.rank(), params.length);
        this.sliceTo = collective.sliceEnd(collective.rank(), params.length);
        this.globalStep = globalStep;
    }

    long globalStep() {
        return globalStep;
    }

    /**
     * Milliseconds computing (forward, backward, optimizer) and communicating in the last {@link
     * #run}; with the overlapped reduce-scatter, communicating counts only the wait for it after
     * the backward pass.
     */
    long computeMillis() {
        return computeNanos / 1_000_000;
    }

    long commMillis() {
        return commNanos / 1_000_000;
    }

    /**
     * Runs the steps from {@code first} to the end of the epoch and returns this worker's sums,
     * {@code carried} included.
     *
     * @param t0      when the epoch started, for the samples-per-second figure
     * @param history the finished epochs, for step checkpoints
     */
    EpochSums run(int epoch, int first, EpochSums carried, long t0, List<EpochStats> history) {
        int stepsPerEpoch = plan.stepsPerEpoch();
        int workers = collective.size();
        double lossSum = carried.lossSum();
        double weightSum = carried.weightSum();
        double correct = carried.correct();
        long localSamples = (long) carried.samples();
        computeNanos = 0;
        commNanos = 0;
        for (int s = first; s < stepsPerEpoch; s++) {
            Batch b = plan.batch(s);
            DataParallelStep.StepResult r = step(b, epoch, s);
            lossSum += r.lossSum();
            weightSum += r.weightSum();
            correct += r.correct();
            localSamples += b.count();
            globalStep++;
            if (collective.rank() == 0) {
                double secs = (System.nanoTime() - t0) / 1e9;
                progress.step(
                        epoch,
                        s,
                        stepsPerEpoch,
                        weightSum > 0 ? lossSum / weightSum : Double.NaN,
                        secs > 0 ? localSamples * workers / secs : Double.NaN);
            }
            if (checkpoints.dueWithinEpoch(globalStep, s == stepsPerEpoch - 1)) {
                checkpoints.write(
                        params,
                        state,
                        optimizer,
                        epoch,
                        s + 1,
                        globalStep,
                        new EpochSums(lossSum, weightSum, correct, localSamples),
                        history);
            }
        }
        return new EpochSums(lossSum, weightSum, correct, localSamples);
    }

    /** One synchronous step: every worker calls it with the same step number. */
    private DataParallelStep.StepResult step(Batch b, int epoch, int s) {
        long c0 = System.nanoTime();
        int n = params.length;
        float[] grads = step.grads();
        double globalWeight = b.globalCount();
        if (weighted) {
            small[0] = weightSum(b);
            collective.allReduceSum(small);
            globalWeight = small[0];
        }
        float scale = globalWeight > 0 ? (float) (1.0 / globalWeight) : 0f;
        if (overlap != null) {
            overlap.begin(grads);
        }
        DataParallelStep.StepResult r = step.run(
                train,
                b.order(),
                b.start(),
                b.count(),
                cfg.loss(),
                scale,
                Seeds.step(cfg.seed(), globalStep),
                b.sampleOffset(),
                overlap != null ? overlap : BackwardProgress.NONE);
        boolean lossFinite = Double.isFinite(r.lossSum());
        long c1 = System.nanoTime();
        if (overlap != null) {
            overlap.awaitReduced(); // it poisons the gradients of a non-finite loss itself
        } else {
            if (!lossFinite) {
                // Poison every gradient so that every worker sees NaN in its own slice after
                // the reduce-scatter and stops at this same step, before the all-gather.
                Arrays.fill(grads, Float.NaN);
            }
            collective.reduceScatterSum(grads, 0, n);
        }
        long c2 = System.nanoTime();
        if (!lossFinite) {
            divergence.loss(r.lossSum(), epoch, s, globalStep);
        }
        if (sliceTo > sliceFrom && Float.isNaN(grads[sliceFrom])) {
            divergence.gradients(epoch, s, globalStep);
        }
        frozen.zeroGradients(grads);
        float gradScale = 1f;
        if (cfg.clipNorm() > 0) {
            small[0] = GradientClipping.sumOfSquares(grads, sliceFrom, sliceTo - sliceFrom);
            collective.allReduceSum(small);
            gradScale = GradientClipping.clipScale(small[0], cfg.clipNorm());
        }
        step.update(optimizer, cfg.schedule().rate(globalStep), gradScale);
        frozen.restore(params); // exact even with weight decay
        long c3 = System.nanoTime();
        collective.allGather(params, 0, n);
        long c4 = System.nanoTime();
        computeNanos += (c1 - c0) + (c3 - c2);
        commNanos += (c2 - c1) + (c4 - c3);
        return r;
    }

    private double weightSum(Batch b) {
        double s = 0;
        float[] w = train.weights();
        if (w == null) {
            return b.count();
        }
        for (int i = 0; i < b.count(); i++) {
            s += w[b.order()[b.start() + i]];
        }
        return s;
    }
}
