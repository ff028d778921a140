package io.sparknn.distributed;

import io.sparknn.backend.Backend;
import io.sparknn.data.Dataset;
import io.sparknn.distributed.checkpoint.CheckpointStore;
import io.sparknn.distributed.collective.Collective;
import io.sparknn.loss.Loss;
import io.sparknn.model.SavedNetwork;
import io.sparknn.model.TrainingState;
import io.sparknn.nn.Activation;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.optim.GradientClipping;
import io.sparknn.optim.OptimizerState;
import io.sparknn.optim.SlicedOptimizer;
import io.sparknn.tensor.Finiteness;
import io.sparknn.train.DataParallelStep;
import io.sparknn.train.DivergenceCheck;
import io.sparknn.train.EpochStats;
import io.sparknn.train.EpochStatsJson;
import io.sparknn.train.Seeds;
import io.sparknn.train.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One worker of synchronous data-parallel SGD. Every step: forward/backward on this worker's
 * share of the global batch (on its threads), ring reduce-scatter of the gradients, the
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
    private final Dataset train;
    private final Dataset validation;
    private final CheckpointStore store;
    private final ProgressListener progress;

    /**
     * @param train      this worker's rows (all rows with {@link WorkerSettings.Sharding#GLOBAL})
     * @param validation this worker's share of the validation rows, or null for none
     * @param store      checkpoints, or null for none
     */
    public TrainingWorker(WorkerSettings settings, Backend backend, Collective collective, Dataset train,
                          Dataset validation, CheckpointStore store, ProgressListener progress) {
        this.settings = settings;
        this.backend = backend;
        this.collective = collective;
        this.train = train;
        this.validation = validation;
        this.store = store;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    public WorkerResult run() {
        NetworkSpec spec = settings.spec();
        TrainingConfig cfg = settings.training();
        Loss loss = cfg.loss();
        int rank = collective.rank();
        int workers = collective.size();

        double[] sizes = {train.size(), validation == null ? 0 : validation.size(), train.weights() == null ? 0 : 1};
        collective.allReduceSum(sizes);
        long total = (long) sizes[0];
        boolean weighted = sizes[2] > 0;
        BatchPlan plan = settings.sharding() == WorkerSettings.Sharding.GLOBAL
                ? new GlobalBatchPlan(train.size(), cfg.batchSize(), rank, workers, cfg.seed())
                : new LocalShufflePlan(train.size(), total, cfg.batchSize(), rank, workers, cfg.seed());
        int stepsPerEpoch = plan.stepsPerEpoch();

        Network initial = Network.create(spec, backend, cfg.seed());
        float[] params = settings.initialWeights() != null ? settings.initialWeights().clone() : initial.params();
        float[] state = initial.state(); // BatchNormalization running statistics, if any
        int n = params.length;
        float[] frozenValues = null;
        int sliceFrom = collective.sliceStart(rank, n);
        int sliceTo = collective.sliceEnd(rank, n);
        int startEpoch = 0;
        int startStepInEpoch = 0;
        long globalStep = 0;
        OptimizerState restoredSlice = null;
        double[] carried = new double[4]; // loss, weight, correct, samples of a resumed partial epoch
        Optional<SavedNetwork> checkpoint = readCheckpoint();
        if (checkpoint.isPresent()) {
            SavedNetwork c = checkpoint.get();
            if (!c.spec().equals(spec)) {
                throw new IllegalStateException("The checkpoint in " + store.location() + " is for another network ("
                        + c.spec().toJson() + "). Use a new checkpointDir for a different network.");
            }
            System.arraycopy(c.weights(), 0, params, 0, n);
            System.arraycopy(c.state(), 0, state, 0, state.length);
            TrainingState ts = c.trainingState();
            startEpoch = (int) ts.epoch();
            startStepInEpoch = (int) ts.stepInEpoch();
            globalStep = ts.globalStep();
            if (c.optimizerState() != null) {
                restoredSlice = slice(c.optimizerState(), sliceFrom, sliceTo);
            }
            if (rank == 0) { // the checkpoint holds the global sums; count them once
                carried[0] = Double.parseDouble(ts.extras().getOrDefault("epochLossSum", "0"));
                carried[1] = Double.parseDouble(ts.extras().getOrDefault("epochWeightSum", "0"));
                carried[2] = Double.parseDouble(ts.extras().getOrDefault("epochCorrect", "0"));
                carried[3] = Double.parseDouble(ts.extras().getOrDefault("epochSamples", "0"));
            }
            if (rank == 0) {
                LOG.info("Resuming from the checkpoint at epoch {} step {} (global step {}) in {}",
                        startEpoch + 1, startStepInEpoch, globalStep, store.location());
            }
        }
        int resumedEpoch = startEpoch;
        long resumedStep = globalStep;

        int[] frozen = settings.frozenRanges();
        if (frozen.length > 0) {
            frozenValues = params.clone();
        }
        EarlyStopping early = new EarlyStopping(settings.earlyStoppingPatience());
        List<EpochStats> history = new ArrayList<>();
        if (checkpoint.isPresent()) {
            history.addAll(EpochStatsJson.read(checkpoint.get().trainingState().extras().get("history")));
        }
        DivergenceCheck divergence = new DivergenceCheck(spec, cfg);
        try (DataParallelStep step = new DataParallelStep(spec, backend, params, state, cfg.threads())) {
            SlicedOptimizer optimizer = new SlicedOptimizer(cfg.optimizer(), sliceFrom, sliceTo - sliceFrom,
                    cfg.threads(), restoredSlice);
            float[] grads = step.grads();
            double[] small = new double[1];
            for (int epoch = startEpoch; epoch < cfg.epochs(); epoch++) {
                long t0 = System.nanoTime();
                plan.startEpoch(epoch);
                double lossSum = 0;
                double weightSum = 0;
                double correct = 0;
                int first = epoch == startEpoch ? startStepInEpoch : 0;
                if (epoch == startEpoch) {
                    lossSum = carried[0];
                    weightSum = carried[1];
                    correct = carried[2];
                }
                long localSamples = epoch == startEpoch ? (long) carried[3] : 0;
                long computeNanos = 0;
                long commNanos = 0;
                for (int s = first; s < stepsPerEpoch; s++) {
                    long c0 = System.nanoTime();
                    Batch b = plan.batch(s);
                    double globalWeight = b.globalCount();
                    if (weighted) {
                        small[0] = weightSum(b);
                        collective.allReduceSum(small);
                        globalWeight = small[0];
                    }
                    float scale = globalWeight > 0 ? (float) (1.0 / globalWeight) : 0f;
                    DataParallelStep.StepResult r = step.run(train, b.order(), b.start(), b.count(), loss, scale,
                            Seeds.step(cfg.seed(), globalStep), b.sampleOffset());
                    boolean lossFinite = Double.isFinite(r.lossSum());
                    if (!lossFinite) {
                        // Poison every gradient so that every worker sees NaN in its own slice after
                        // the reduce-scatter and stops at this same step, before the all-gather.
                        java.util.Arrays.fill(grads, Float.NaN);
                    }
                    long c1 = System.nanoTime();
                    collective.reduceScatterSum(grads, 0, n);
                    long c2 = System.nanoTime();
                    if (!lossFinite) {
                        divergence.loss(r.lossSum(), epoch, s, globalStep);
                    }
                    if (sliceTo > sliceFrom && Float.isNaN(grads[sliceFrom])) {
                        divergence.gradients(epoch, s, globalStep);
                    }
                    for (int k = 0; k < frozen.length; k += 2) {
                        java.util.Arrays.fill(grads, frozen[k], frozen[k + 1], 0f);
                    }
                    float gradScale = 1f;
                    if (cfg.clipNorm() > 0) {
                        small[0] = GradientClipping.sumOfSquares(grads, sliceFrom, sliceTo - sliceFrom);
                        collective.allReduceSum(small);
                        gradScale = GradientClipping.clipScale(small[0], cfg.clipNorm());
                    }
                    step.update(optimizer, cfg.schedule().rate(globalStep), gradScale);
                    for (int k = 0; k < frozen.length; k += 2) { // exact even with weight decay
                        System.arraycopy(frozenValues, frozen[k], params, frozen[k], frozen[k + 1] - frozen[k]);
                    }
                    long c3 = System.nanoTime();
                    collective.allGather(params, 0, n);
                    long c4 = System.nanoTime();
                    computeNanos += (c1 - c0) + (c3 - c2);
                    commNanos += (c2 - c1) + (c4 - c3);
                    lossSum += r.lossSum();
                    weightSum += r.weightSum();
                    correct += r.correct();
                    localSamples += b.count();
                    globalStep++;
                    if (rank == 0) {
                        double secs = (System.nanoTime() - t0) / 1e9;
                        progress.step(epoch, s, stepsPerEpoch, weightSum > 0 ? lossSum / weightSum : Double.NaN,
                                secs > 0 ? localSamples * workers / secs : Double.NaN);
                    }
                    boolean lastStep = s == stepsPerEpoch - 1;
                    if (!lastStep && settings.checkpointEverySteps() > 0 && globalStep % settings.checkpointEverySteps() == 0) {
                        checkpoint(params, state, optimizer, epoch, s + 1, globalStep,
                                new double[]{lossSum, weightSum, correct, localSamples}, history);
                    }
                }
                divergence.weights(params, epoch, globalStep); // the same bits on every worker
                // Running statistics differ per worker: a flag in the epoch's sums lets all stop together.
                boolean stateFinite = Finiteness.firstNonFinite(state) < 0;
                double[] sums = {lossSum, weightSum, correct, localSamples, stateFinite ? 0 : 1};
                collective.allReduceSum(sums);
                if (sums[4] > 0) {
                    divergence.state(state, epoch, globalStep);
                    divergence.stateOnAnotherWorker(epoch, globalStep);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double[] val = evaluate(step.network(), loss);
                boolean classification = loss.fusedActivation() != Activation.LINEAR;
                EpochStats stats = new EpochStats(epoch + 1, sums[0] / sums[1], classification ? sums[2] / sums[1] : Double.NaN,
                        val[0], val[1], (long) sums[3], seconds);
                history.add(stats);
                if (rank == 0) {
                    progress.epoch(stats);
                    LOG.info("Epoch {} on worker 0: {} ms computing (forward, backward, optimizer), {} ms in "
                            + "reduce-scatter and all-gather (including waiting for the slowest worker)", epoch + 1,
                            computeNanos / 1_000_000, commNanos / 1_000_000);
                }
                if (early.stop(stats.validationLoss(), params)) {
                    if (rank == 0) {
                        LOG.info("Early stopping after epoch {}: no better validation loss for {} epoch(s); keeping the "
                                + "weights of epoch {}", epoch + 1, settings.earlyStoppingPatience(), early.bestEpoch());
                    }
                    break;
                }
                boolean due = settings.checkpointEveryEpochs() > 0 && (epoch + 1) % settings.checkpointEveryEpochs() == 0;
                boolean dueBySteps = settings.checkpointEverySteps() > 0 && globalStep % settings.checkpointEverySteps() == 0;
                if ((due || dueBySteps) && epoch + 1 < cfg.epochs()) {
                    checkpoint(params, state, optimizer, epoch + 1, 0, globalStep, new double[4], history);
                }
            }
        }
        float[] result = early.bestWeights() != null ? early.bestWeights() : params;
        averageState(state);
        return new WorkerResult(result, state, history, globalStep, resumedEpoch, resumedStep);
    }

    /**
     * Each worker updates its running statistics from its own shards; the model keeps their mean
     * over the workers (as with unsynchronised BatchNormalization in other data-parallel trainers).
     */
    private void averageState(float[] state) {
        if (state.length == 0) {
            return;
        }
        collective.allReduceSum(state, 0, state.length);
        float inv = 1f / collective.size();
        for (int i = 0; i < state.length; i++) {
            state[i] *= inv;
        }
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
            return new double[]{Double.NaN, Double.NaN};
        }
        boolean classification = loss.fusedActivation() != Activation.LINEAR;
        return new double[]{sums[0] / sums[1], classification ? sums[2] / sums[1] : Double.NaN};
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    /** Gathers every worker's optimizer slice and lets worker 0 write the checkpoint. */
    private void checkpoint(float[] params, float[] liveState, SlicedOptimizer optimizer, int epoch, int stepInEpoch,
                            long globalStep, double[] partialSums, List<EpochStats> history) {
        if (store == null) {
            return;
        }
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
        averageState(state);
        double[] sums = partialSums.clone(); // this epoch so far, over all workers
        collective.allReduceSum(sums);
        if (collective.rank() == 0) {
            TrainingConfig cfg = settings.training();
            TrainingState ts = TrainingState.builder().epoch(epoch).stepInEpoch(stepInEpoch).globalStep(globalStep)
                    .seed(cfg.seed())
                    .extra("epochLossSum", Double.toString(sums[0]))
                    .extra("epochWeightSum", Double.toString(sums[1]))
                    .extra("epochCorrect", Double.toString(sums[2]))
                    .extra("epochSamples", Double.toString(sums[3]))
                    .extra("history", EpochStatsJson.write(history))
                    .build();
            try {
                store.save(new SavedNetwork(settings.spec(), params.clone(), state, cfg.optimizer(),
                        new OptimizerState(n, mine.step(), slots), ts));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the checkpoint to " + store.location()
                        + ": " + e.getMessage() + ". Check that the directory is writable.", e);
            }
            LOG.info("Checkpoint at epoch {} step {} (global step {}) written to {}", epoch + 1, stepInEpoch, globalStep,
                    store.location());
        }
    }

    private Optional<SavedNetwork> readCheckpoint() {
        if (store == null) {
            return Optional.empty();
        }
        try {
            return store.latest();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the checkpoints in " + store.location() + ": " + e.getMessage(), e);
        }
    }

    /** The part {@code [from, to)} of a whole-network optimizer state. */
    private static OptimizerState slice(OptimizerState whole, int from, int to) {
        float[][] slots = new float[whole.slots().length][];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = java.util.Arrays.copyOfRange(whole.slots()[k], from, to);
        }
        return new OptimizerState(to - from, whole.step(), slots);
    }
}
