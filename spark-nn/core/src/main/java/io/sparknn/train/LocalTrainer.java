package io.sparknn.train;

import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.Loss;
import io.sparknn.nn.Network;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.SlicedOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mini-batch training on one machine. Each epoch visits the data in a seeded random order; the
 * last batch of an epoch may be smaller. Each batch is split across
 * {@link TrainingConfig#threads()} threads ({@link DataParallelStep}). The same network seed,
 * config (including the thread count) and data give bit-identical weights.
 */
public final class LocalTrainer {
    private final TrainingConfig config;
    private Consumer<EpochStats> listener = e -> {};

    public LocalTrainer(TrainingConfig config) {
        this.config = config;
    }

    /** Called after every epoch, e.g. to print progress. */
    public LocalTrainer onEpoch(Consumer<EpochStats> listener) {
        this.listener = listener;
        return this;
    }

    /** Trains {@code net} in place; {@code validation} may be null. Returns the per-epoch history. */
    public List<EpochStats> fit(Network net, LabeledSamples train, LabeledSamples validation) {
        checkData(net, train, "training");
        if (validation != null) {
            checkData(net, validation, "validation");
        }
        Loss loss = config.loss();
        int n = train.size();
        int bs = Math.min(config.batchSize(), n);
        int[] order = new int[n];
        float[] params = net.params();
        long step = 0;
        List<EpochStats> history = new ArrayList<>();
        DivergenceCheck divergence = new DivergenceCheck(net.spec(), config);
        try (DataParallelStep parallel =
                new DataParallelStep(net.spec(), net.backend(), params, net.state(), config.threads())) {
            SlicedOptimizer optimizer = parallel.slicedOptimizer(config.optimizer(), null);
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                long t0 = System.nanoTime();
                Permutations.fill(order, Seeds.shuffle(config.seed(), epoch, 0));
                double lossSum = 0;
                double weightSum = 0;
                double correct = 0;
                for (int start = 0; start < n; start += bs) {
                    int b = Math.min(bs, n - start);
                    double bw = weightSum(train, order, start, b);
                    if (bw <= 0) {
                        continue; // all weights zero: nothing to learn from this batch
                    }
                    DataParallelStep.StepResult r = parallel.run(
                            train, order, start, b, loss, (float) (1.0 / bw), Seeds.step(config.seed(), step), 0);
                    divergence.loss(r.lossSum(), epoch, start / bs, step);
                    lossSum += r.lossSum();
                    weightSum += r.weightSum();
                    correct += r.correct();
                    parallel.update(optimizer, config.schedule().rate(step), parallel.clipScale(config.clipNorm()));
                    step++;
                }
                divergence.weights(params, epoch, step);
                divergence.state(net.state(), epoch, step);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Evaluation val = validation == null ? null : Evaluation.of(net, validation, loss, Math.max(bs, 256));
                boolean classification = loss.fusedActivation() != Activation.LINEAR;
                EpochStats stats = new EpochStats(
                        epoch + 1,
                        lossSum / weightSum,
                        classification ? correct / weightSum : Double.NaN,
                        val == null ? Double.NaN : val.loss(),
                        val == null ? Double.NaN : val.accuracy(),
                        n,
                        seconds,
                        seconds, // one process: no gradient exchange
                        0,
                        config.schedule().rate(Math.max(0, step - 1)));
                history.add(stats);
                listener.accept(stats);
            }
        }
        return history;
    }

    private static double weightSum(LabeledSamples d, int[] order, int start, int b) {
        if (d.weights() == null) {
            return b;
        }
        double s = 0;
        for (int i = 0; i < b; i++) {
            s += d.weights()[order[start + i]];
        }
        return s;
    }

    private void checkData(Network net, LabeledSamples d, String what) {
        if (d.size() == 0) {
            throw new IllegalArgumentException("The " + what + " dataset is empty");
        }
        if (d.featureSize() != net.spec().inputShape().size()) {
            throw new IllegalArgumentException("The " + what + " samples have shape " + d.featureShape()
                    + " but the network expects " + net.spec().inputShape());
        }
        int labelWidth = config.loss().labelWidth(net.outputShape().size());
        if (d.labelWidth() != labelWidth) {
            throw new IllegalArgumentException("The " + what + " dataset has " + d.labelWidth()
                    + " label value(s) per sample but " + config.loss().name() + " on "
                    + net.outputShape().size() + " outputs needs " + labelWidth);
        }
    }
}
