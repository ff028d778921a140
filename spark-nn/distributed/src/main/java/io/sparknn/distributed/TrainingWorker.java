package io.sparknn.distributed;

import io.sparknn.backend.Backend;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.checkpoint.Checkpoint.EpochSums;
import io.sparknn.distributed.checkpoint.CheckpointStore;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.loss.Loss;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.SlicedOptimizer;
import io.sparknn.tensor.Finiteness;
import io.sparknn.train.DataParallelStep;
import io.sparknn.train.DivergenceCheck;
import io.sparknn.train.EpochStats;
import io.sparknn.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of synchronous data-parallel SGD. Every step: forward/backward on this worker's
 * share of the global batch (on its threads), ring reduce-scatter of the gradients (bucket by
 * bucket while the backward pass runs, on a communication thread), the
 * optimizer on this worker's slice of the weights (it keeps optimizer state for that slice
 * only), then all-gather of the new weights. The result equals single-node training with the
 * same global batch up to float summation order.
 *
 * <p>The worker knows nothing of Spark: the collective, data and checkpoint store are given.
 */
public final class TrainingWorker {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingWorker.class);

    private final WorkerSettings settings;
    private final Backend backend;
    private final Collective collective;
    private final LabeledSamples train;
    private final LabeledSamples validation;
    private final CheckpointStore store;
    private final ProgressListener progress;
    private boolean overlapCommunication = true;
    private int minBucketFloats = OverlappedReduceScatter.MIN_BUCKET_FLOATS;

    /**
     * @param train      this worker's rows (all rows with {@link WorkerSettings.Sharding#GLOBAL})
     * @param validation this worker's share of the validation rows, or null for none
     * @param store      checkpoints, or null for none
     */
    public TrainingWorker(
            WorkerSettings settings,
            Backend backend,
            Collective collective,
            LabeledSamples train,
            LabeledSamples validation,
            CheckpointStore store,
            ProgressListener progress) {
        this.settings = settings;
        this.backend = backend;
        this.collective = collective;
        this.train = train;
        this.validation = validation;
        this.store = store;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /**
     * Whether the gradients are reduced in buckets during the backward pass (the default) or at
     * once after it; both give bit-identical weights. Overlap needs a core for the communication
     * thread; workers that have none to spare are faster without it.
     */
    public TrainingWorker overlapCommunication(boolean overlap) {
        this.overlapCommunication = overlap;
        return this;
    }

    /** The smallest bucket of the overlapped reduce-scatter, in floats (1: a bucket per layer). */
    TrainingWorker minBucketFloats(int floats) {
        this.minBucketFloats = floats;
        return this;
    }

    public WorkerResult run() {
        NetworkSpec spec = settings.spec();
        TrainingConfig cfg = settings.training();
        int rank = collective.rank();
        int workers = collective.size();

        double[] sizes = {train.size(), validation == null ? 0 : validation.size(), train.weights() == null ? 0 : 1};
        collective.allReduceSum(sizes);
        long total = (long) sizes[0];
        boolean weighted = sizes[2] > 0;
        BatchPlan plan = settings.sharding() == WorkerSettings.Sharding.GLOBAL
                ? new GlobalBatchPlan(train.size(), cfg.batchSize(), rank, workers, cfg.seed())
                : new LocalShufflePlan(train.size(), total, cfg.batchSize(), rank, workers, cfg.seed());

        Network initial = Network.create(spec, backend, cfg.seed());
        float[] params =
                settings.initialWeights() != null ? settings.initialWeights().clone() : initial.params();
        float[] state = initial.state(); // BatchNormalization running statistics, if any
        int n = params.length;
        int sliceFrom = collective.sliceStart(rank, n);
        int sliceTo = collective.sliceEnd(rank, n);
        RunCheckpoints checkpoints = new RunCheckpoints(settings, collective, store);
        ResumePoint resume = checkpoints.resume(params, state, sliceFrom, sliceTo);
        FrozenParameters frozen = new FrozenParameters(settings.frozenRanges(), params);
        EarlyStopping early = new EarlyStopping(settings.earlyStoppingPatience());
        List<EpochStats> history = new ArrayList<>(resume.history());
        DivergenceCheck divergence = new DivergenceCheck(spec, cfg);
        long globalStep;
        try (DataParallelStep step = new DataParallelStep(spec, backend, params, state, cfg.threads());
                OverlappedReduceScatter overlap = overlapCommunication && workers > 1
                        ? new OverlappedReduceScatter(collective, minBucketFloats)
                        : null) {
            SlicedOptimizer optimizer = new SlicedOptimizer(
                    cfg.optimizer(), sliceFrom, sliceTo - sliceFrom, cfg.threads(), resume.optimizerSlice());
            EpochSteps steps = new EpochSteps(
                    settings,
                    collective,
                    train,
                    plan,
                    weighted,
                    step,
                    optimizer,
                    frozen,
                    divergence,
                    checkpoints,
                    progress,
                    overlap,
                    resume.globalStep());
            for (int epoch = resume.epoch(); epoch < cfg.epochs(); epoch++) {
                long t0 = System.nanoTime();
                plan.startEpoch(epoch);
                boolean resumedEpoch = epoch == resume.epoch();
                EpochSums local = steps.run(
                        epoch,
                        resumedEpoch ? resume.stepInEpoch() : 0,
                        resumedEpoch ? resume.carried() : EpochSums.NONE,
                        t0,
                        history);
                EpochStats stats = finishEpoch(epoch, local, steps, step, divergence, t0);
                history.add(stats);
                if (early.stop(stats.validationLoss(), params)) {
                    if (rank == 0) {
                        LOG.info(
                                "Early stopping after epoch {}: no better validation loss for {} epoch(s); keeping the "
                                        + "weights of epoch {}",
                                epoch + 1,
                                settings.earlyStoppingPatience(),
                                early.bestEpoch());
                    }
                    break;
                }
                if (checkpoints.dueAfterEpoch(epoch, steps.globalStep())) {
                    checkpoints.write(
                            params, state, optimizer, epoch + 1, 0, steps.globalStep(), EpochSums.NONE, history);
                }
            }
            globalStep = steps.globalStep();
        }
        float[] result = early.bestWeights() != null ? early.bestWeights() : params;
        RunningStatistics.averageOverWorkers(collective, state);
        return new WorkerResult(result, state, history, globalStep, resume.epoch(), resume.globalStep());
    }

    /**
     * The epoch's global figures: checks the weights and every worker's running statistics, sums
     * the workers' training figures, evaluates on the validation rows, and reports the epoch.
     */
    private EpochStats finishEpoch(
            int epoch, EpochSums local, EpochSteps steps, DataParallelStep step, DivergenceCheck divergence, long t0) {
        long globalStep = steps.globalStep();
        float[] state = step.network().state();
        divergence.weights(step.network().params(), epoch, globalStep); // the same bits on every worker
        // Running statistics differ per worker: a flag in the epoch's sums lets all stop together.
        boolean stateFinite = Finiteness.firstNonFinite(state) < 0;
        double[] sums = {local.lossSum(), local.weightSum(), local.correct(), local.samples(), stateFinite ? 0 : 1};
        collective.allReduceSum(sums);
        if (sums[4] > 0) {
            divergence.state(state, epoch, globalStep);
            divergence.stateOnAnotherWorker(epoch, globalStep);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Loss loss = settings.training().loss();
        double[] val = evaluate(step.network(), loss);
        boolean classification = loss.fusedActivation() != Activation.LINEAR;
        EpochStats stats = new EpochStats(
                epoch + 1,
                sums[0] / sums[1],
                classification ? sums[2] / sums[1] : Double.NaN,
                val[0],
                val[1],
                (long) sums[3],
                seconds,
                steps.computeMillis() / 1e3,
                steps.commMillis() / 1e3,
                settings.training().schedule().rate(Math.max(0, globalStep - 1)));
        if (collective.rank() == 0) {
            progress.epoch(stats);
            // DEBUG: the split travels in the epoch's stats to the driver (history, report). On
            // local[N] the workers share the driver's console, where an INFO line would land in
            // the middle of the terminal's progress bar, which the driver draws behind the steps.
            LOG.debug(
                    "Epoch {} on worker 0: {} ms computing (forward, backward, optimizer), {} ms in "
                            + "reduce-scatter and all-gather (including waiting for the slowest worker)",
                    epoch + 1,
                    steps.computeMillis(),
                    steps.commMillis());
        }
        return stats;
    }

    /** Validation loss and accuracy over all workers' shards; NaN without validation data. */
    private double[] evaluate(Network net, Loss loss) {
        double[] sums = new double[3];
        if (validation != null && validation.size() > 0) {
            io.sparknn.train.Evaluation e = io.sparknn.train.Evaluation.of(net, validation, loss, 512);
            double w = validation.weights() == null ? validation.size() : sum(validation.weights());
            sums[0] = e.loss() * w;
            sums[1] = w;
            sums[2] = Double.isNaN(e.accuracy()) ? 0 : e.accuracy() * w;
        }
        collective.allReduceSum(sums);
        if (sums[1] <= 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        boolean classification = loss.fusedActivation() != Activation.LINEAR;
        return new double[] {sums[0] / sums[1], classification ? sums[2] / sums[1] : Double.NaN};
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
