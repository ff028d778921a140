package io.sparknn.bench.engine;

import io.sparknn.backend.Backend;
import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.nn.Dense;
import io.sparknn.nn.Embedding;
import io.sparknn.nn.LSTM;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TokenOrderTask;
import io.sparknn.train.EpochStats;
import io.sparknn.train.Evaluation;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench lstm}: trains the seed-002 model (Embedding(10000, 64) - LSTM(64) - Dense(2,
 * softmax), Adam 1e-3) on a generated task that needs memory ({@link TokenOrderTask}:
 * vocabulary 10,000, sequences of 50 to 100 tokens right-padded to 100, so the Embedding has
 * padding index 0 and the LSTM masks), 20,000 training and 5,000 test sequences from fixed
 * seeds. Prints one line per epoch and one {@code RESULT} line. Throughput counts training time
 * only, as in {@code bench mlp}; evaluation after each epoch is excluded.
 */
final class LstmBenchmark {
    static final int VOCABULARY = 10_000;
    static final int TIME = 100;
    static final int MIN_LENGTH = 50;

    private LstmBenchmark() {}

    static NetworkSpec seed002() {
        return NetworkSpec.builder(TIME)
                .add(new Embedding(VOCABULARY, 64, TokenOrderTask.PADDING))
                .add(new LSTM(64))
                .dense(2, Activation.SOFTMAX)
                .build();
    }

    static int run(BenchArgs args) throws Exception {
        long wallStart = System.nanoTime();
        int epochs = args.intValue("epochs", 5);
        int batch = args.intValue("batch", 128);
        int threads = args.intValue("threads", Runtime.getRuntime().availableProcessors());
        String backendName = args.string("backend", "auto");
        int trainSize = args.intValue("train", 20_000);
        int testSize = args.intValue("test", 5_000);
        long seed = args.intValue("seed", 0);
        args.rejectUnknown();

        LabeledSamples train = TokenOrderTask.generate(trainSize, VOCABULARY, TIME, MIN_LENGTH, 1000 + seed);
        LabeledSamples test = TokenOrderTask.generate(testSize, VOCABULARY, TIME, MIN_LENGTH, 2000 + seed);
        NetworkSpec spec = seed002();
        // One thread per backend call; the trainer runs `threads` shards of each batch in parallel.
        try (Backend backend = Backends.create(backendName, 1);
                Network net = Network.create(spec, backend, seed)) {
            System.out.printf(
                    Locale.ROOT,
                    "bench lstm: backend=%s (%s) threads=%d batch=%d epochs=%d train=%d test=%d "
                            + "time=%d params=%d%n",
                    backend.name(),
                    backend.version(),
                    threads,
                    batch,
                    epochs,
                    train.size(),
                    test.size(),
                    TIME,
                    spec.paramCount());
            TrainingConfig cfg = TrainingConfig.builder()
                    .optimizer(new Adam())
                    .learningRate(1e-3f)
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
            double gflops = trainingFlopsPerSample(spec) * avg / 1e9;
            double acc = Evaluation.of(net, test, cfg.loss(), 500).accuracy();
            double wall = (System.nanoTime() - wallStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT bench=lstm backend=%s gemm=%s threads=%d batch=%d epochs=%d samples_per_s=%.0f "
                            + "best_epoch_samples_per_s=%.0f gflops=%.2f test_acc=%.4f wall_s=%.1f%n",
                    backend.name(),
                    backend.gemm(),
                    threads,
                    batch,
                    epochs,
                    avg,
                    best,
                    gflops,
                    acc,
                    wall);
        }
        return 0;
    }

    /**
     * GEMM FLOPs of one training sample at the full length: for the LSTM the input projection
     * and the recurrent product (the first step has none, its state is zero), each done three
     * times (forward, weight gradient, input gradient for the Embedding below); for the Dense
     * layers forward, weight and input gradient. The Embedding is a gather, and gate
     * arithmetic is not counted.
     */
    static long trainingFlopsPerSample(NetworkSpec spec) {
        long flops = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            Shape in = spec.inputShape(i);
            if (l instanceof LSTM lstm) {
                long g = 4L * lstm.units();
                long t = in.dim(0);
                flops += 3 * (2 * t * in.dim(1) * g + 2 * (t - 1) * lstm.units() * g);
            } else if (l instanceof Dense d) {
                flops += 3 * 2L * in.size() * d.units();
            }
        }
        return flops;
    }
}
