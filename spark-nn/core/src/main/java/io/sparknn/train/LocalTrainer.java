package io.sparknn.train;

import io.sparknn.data.Dataset;
import io.sparknn.loss.Loss;
import io.sparknn.nn.Network;
import io.sparknn.optim.GradientClipping;
import io.sparknn.optim.OptimizerState;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Mini-batch training on one thread of control (the math may use several threads through the
 * backend). Each epoch visits the data in a seeded random order; the last batch of an epoch may
 * be smaller. The same network seed, config and data give bit-identical weights.
 */
public final class LocalTrainer {
    private final TrainingConfig config;
    private Consumer<EpochStats> listener = e -> { };

    public LocalTrainer(TrainingConfig config) {
        this.config = config;
    }

    /** Called after every epoch, e.g. to print progress. */
    public LocalTrainer onEpoch(Consumer<EpochStats> listener) {
        this.listener = listener;
        return this;
    }

    /** Trains {@code net} in place; {@code validation} may be null. Returns the per-epoch history. */
    public List<EpochStats> fit(Network net, Dataset train, Dataset validation) {
        checkData(net, train, "training");
        if (validation != null) {
            checkData(net, validation, "validation");
        }
        Loss loss = config.loss();
        int n = train.size();
        int bs = Math.min(config.batchSize(), n);
        int f = train.featureSize();
        int lw = train.labelWidth();
        int width = net.outputShape().size();
        float[] xb = new float[bs * f];
        float[] yb = new float[bs * lw];
        float[] wb = train.weights() == null ? null : new float[bs];
        int[] order = new int[n];
        float[] params = net.params();
        float[] grads = net.grads();
        OptimizerState state = config.optimizer().newState(params.length);
        long step = 0;
        List<EpochStats> history = new ArrayList<>();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            shuffle(order, new SplittableRandom(Seeds.shuffle(config.seed(), epoch, 0)));
            double lossSum = 0;
            double weightSum = 0;
            double correct = 0;
            for (int start = 0; start < n; start += bs) {
                int b = Math.min(bs, n - start);
                gather(train, order, start, b, xb, yb, wb);
                double bw = wb == null ? b : Evaluation.sum(wb, b);
                if (bw <= 0) {
                    continue; // all weights zero: nothing to learn from this batch
                }
                lossSum += net.forwardBackward(xb, b, yb, wb, loss, (float) (1.0 / bw), Seeds.step(config.seed(), step));
                weightSum += bw;
                correct += Accuracy.correct(loss, net.lastOutput(), b, width, yb, wb);
                float scale = 1f;
                if (config.clipNorm() > 0) {
                    scale = GradientClipping.clipScale(GradientClipping.sumOfSquares(grads, 0, grads.length), config.clipNorm());
                }
                config.optimizer().step(params, grads, 0, params.length, state, config.schedule().rate(step), scale);
                step++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Evaluation val = validation == null ? null : Evaluation.of(net, validation, loss, Math.max(bs, 256));
            boolean classification = loss.fusedActivation() != io.sparknn.nn.Activation.LINEAR;
            EpochStats stats = new EpochStats(epoch + 1, lossSum / weightSum,
                    classification ? correct / weightSum : Double.NaN,
                    val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(), n, seconds);
            history.add(stats);
            listener.accept(stats);
        }
        return history;
    }

    private static void checkData(Network net, Dataset d, String what) {
        if (d.size() == 0) {
            throw new IllegalArgumentException("The " + what + " dataset is empty");
        }
        if (!d.featureShape().equals(net.spec().inputShape()) && d.featureSize() != net.spec().inputShape().size()) {
            throw new IllegalArgumentException("The " + what + " samples have shape " + d.featureShape()
                    + " but the network expects " + net.spec().inputShape());
        }
    }

    static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void gather(Dataset d, int[] order, int start, int b, float[] xb, float[] yb, float[] wb) {
        int f = d.featureSize();
        int lw = d.labelWidth();
        for (int i = 0; i < b; i++) {
            int r = order[start + i];
            System.arraycopy(d.features(), r * f, xb, i * f, f);
            System.arraycopy(d.labels(), r * lw, yb, i * lw, lw);
            if (wb != null) {
                wb[i] = d.weights()[r];
            }
        }
    }
}
