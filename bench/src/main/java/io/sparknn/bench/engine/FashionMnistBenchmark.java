package io.sparknn.bench.engine;

import io.sparknn.backend.Backend;
import io.sparknn.backend.select.Backends;
import io.sparknn.data.FashionMnist;
import io.sparknn.data.LabeledSamples;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.optim.Adam;
import io.sparknn.optim.schedule.LearningRateSchedule;
import io.sparknn.train.EpochStats;
import io.sparknn.train.Evaluation;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the Fashion-MNIST benchmarks share: train a network (Adam 1e-3) on the full training
 * set, evaluate on the test set, print one line per epoch and one {@code RESULT} line.
 * Throughput counts training time only (shuffle, batching, forward, backward and optimizer);
 * evaluation runs after each epoch and is excluded. Options: {@code --epochs --batch --threads
 * --backend --data --seed --schedule}.
 *
 * <p>{@code --schedule constant} keeps Adam's rate at {@code --lr}; {@code cosine} decays it
 * from {@code --lr} to 0 along half a cosine over all the steps of the run; {@code warmup-cosine}
 * ramps it up linearly over the first epoch before that. Each benchmark names its defaults: the
 * CNN uses warm-up and cosine from 4e-3, because 5 epochs at 1e-3 leave it under-trained (test
 * accuracy 0.89-0.90 against 0.913 with this schedule; see README).
 */
final class FashionMnistBenchmark {
    private FashionMnistBenchmark() {}

    static int run(
            String name,
            NetworkSpec spec,
            BenchArgs args,
            int defaultEpochs,
            int defaultBatch,
            String defaultSchedule,
            double defaultLr)
            throws Exception {
        long wallStart = System.nanoTime();
        int epochs = args.intValue("epochs", defaultEpochs);
        int batch = args.intValue("batch", defaultBatch);
        int threads = args.intValue("threads", Runtime.getRuntime().availableProcessors());
        String backendName = args.string("backend", "auto");
        Path dir = Path.of(args.string("data", FashionMnist.DEFAULT_DIR));
        long seed = args.intValue("seed", 0);
        String scheduleName = args.string("schedule", defaultSchedule);
        double lr = args.positiveDouble("lr", defaultLr);
        args.rejectUnknown();

        LabeledSamples train = FashionMnist.train(dir);
        LabeledSamples test = FashionMnist.test(dir);
        // One thread per backend call; the trainer runs `threads` shards of each batch in parallel.
        try (Backend backend = Backends.create(backendName, 1);
                Network net = Network.create(spec, backend, seed)) {
            System.out.printf(
                    Locale.ROOT,
                    "bench %s: backend=%s (%s) threads=%d batch=%d epochs=%d schedule=%s train=%d test=%d params=%d%n",
                    name,
                    backend.name(),
                    backend.version(),
                    threads,
                    batch,
                    epochs,
                    scheduleName,
                    train.size(),
                    test.size(),
                    spec.paramCount());
            long stepsPerEpoch = (train.size() + batch - 1) / Math.max(1, batch);
            TrainingConfig cfg = TrainingConfig.builder()
                    .optimizer(new Adam())
                    .schedule(schedule(scheduleName, lr, epochs * stepsPerEpoch, stepsPerEpoch))
                    .batchSize(batch)
                    .epochs(epochs)
                    .seed(seed)
                    .threads(threads)
                    .build();
            List<EpochStats> history =
                    new LocalTrainer(cfg).onEpoch(System.out::println).fit(net, train, test);

            Throughput throughput = Throughput.of(history);
            double avg = throughput.average();
            double best = throughput.bestEpoch();
            double gflops = TrainingFlops.perSample(spec) * avg / 1e9;
            double acc = Evaluation.of(net, test, cfg.loss(), 1000).accuracy();
            double wall = (System.nanoTime() - wallStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT bench=%s backend=%s gemm=%s threads=%d batch=%d epochs=%d schedule=%s lr=%s seed=%d "
                            + "samples_per_s=%.0f best_epoch_samples_per_s=%.0f gflops=%.1f test_acc=%.4f wall_s=%.1f%n",
                    name,
                    backend.name(),
                    backend.gemm(),
                    threads,
                    batch,
                    epochs,
                    scheduleName,
                    lr,
                    seed,
                    avg,
                    best,
                    gflops,
                    acc,
                    wall);
        }
        return 0;
    }

    /** {@code lr} constant, or decayed to 0 over {@code steps} updates, optionally after a first epoch of linear warm-up. */
    static LearningRateSchedule schedule(String name, double lr, long steps, long stepsPerEpoch) {
        return switch (name) {
            case "constant" -> LearningRateSchedule.constant(lr);
            case "cosine" -> LearningRateSchedule.cosine(lr, Math.max(1, steps), 0);
            case "warmup-cosine" ->
                LearningRateSchedule.warmup(
                        LearningRateSchedule.cosine(lr, Math.max(1, steps), 0), Math.max(1, stepsPerEpoch));
            default ->
                throw new BenchArgs.UsageException(
                        "Option --schedule must be constant, cosine or warmup-cosine, got '" + name + "'");
        };
    }
}
