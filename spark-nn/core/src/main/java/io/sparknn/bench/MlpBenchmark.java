package io.sparknn.bench;

import io.sparknn.backend.Backend;
import io.sparknn.backend.Backends;
import io.sparknn.data.Dataset;
import io.sparknn.data.FashionMnist;
import io.sparknn.nn.Activation;
import io.sparknn.nn.Dense;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.optim.Adam;
import io.sparknn.train.EpochStats;
import io.sparknn.train.Evaluation;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench mlp}: trains the seed-000 MLP (784-256-128-10, ReLU, Adam 1e-3) on the full
 * Fashion-MNIST training set, evaluates on the test set, and prints one line per epoch and one
 * {@code RESULT} line. Throughput counts training time only (shuffle, batching, forward,
 * backward and optimizer); evaluation runs after each epoch and is excluded.
 */
final class MlpBenchmark {
    private MlpBenchmark() {
    }

    static int run(BenchArgs args) throws Exception {
        long wallStart = System.nanoTime();
        int epochs = args.intValue("epochs", 10);
        int batch = args.intValue("batch", 128);
        int threads = args.intValue("threads", Runtime.getRuntime().availableProcessors());
        String backendName = args.string("backend", "auto");
        Path dir = Path.of(args.string("data", FashionMnist.DEFAULT_DIR));
        long seed = args.intValue("seed", 0);
        args.rejectUnknown();

        Dataset train = FashionMnist.train(dir);
        Dataset test = FashionMnist.test(dir);
        NetworkSpec spec = NetworkSpec.builder(784).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).build();
        // One thread per backend call; the trainer runs `threads` shards of each batch in parallel.
        try (Backend backend = Backends.create(backendName, 1)) {
            System.out.printf(Locale.ROOT, "bench mlp: backend=%s (%s) threads=%d batch=%d epochs=%d train=%d test=%d params=%d%n",
                    backend.name(), backend.version(), threads, batch, epochs, train.size(), test.size(), spec.paramCount());
            Network net = Network.create(spec, backend, seed);
            TrainingConfig cfg = TrainingConfig.builder().optimizer(new Adam()).learningRate(1e-3f)
                    .batchSize(batch).epochs(epochs).seed(seed).threads(threads).build();
            List<EpochStats> history = new LocalTrainer(cfg).onEpoch(System.out::println).fit(net, train, test);

            double trainSeconds = history.stream().mapToDouble(EpochStats::seconds).sum();
            long samples = history.stream().mapToLong(EpochStats::samples).sum();
            double avg = samples / trainSeconds;
            double best = history.stream().mapToDouble(EpochStats::samplesPerSecond).max().orElse(Double.NaN);
            double gflops = trainingFlopsPerSample(spec) * avg / 1e9;
            double acc = Evaluation.of(net, test, cfg.loss(), 1000).accuracy();
            double wall = (System.nanoTime() - wallStart) / 1e9;
            System.out.printf(Locale.ROOT, "RESULT bench=mlp backend=%s threads=%d batch=%d epochs=%d samples_per_s=%.0f "
                            + "best_epoch_samples_per_s=%.0f gflops=%.1f test_acc=%.4f wall_s=%.1f%n",
                    backend.name(), threads, batch, epochs, avg, best, gflops, acc, wall);
        }
        return 0;
    }

    /**
     * GEMM FLOPs of one training sample: forward, weight gradient, and input gradient for all
     * but the first Dense (which needs none).
     */
    static long trainingFlopsPerSample(NetworkSpec spec) {
        long flops = 0;
        boolean first = true;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            if (l instanceof Dense d) {
                long mac = 2L * spec.inputShape(i).size() * d.units();
                flops += (first ? 2 : 3) * mac;
                first = false;
            }
        }
        return flops;
    }
}
