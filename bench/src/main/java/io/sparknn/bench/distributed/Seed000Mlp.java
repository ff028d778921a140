package io.sparknn.bench.distributed;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.train.EpochStats;
import io.sparknn.train.Evaluation;
import io.sparknn.train.TrainingConfig;
import java.util.List;

/**
 * The seed-000 MLP (784-256-128-10, Adam at 1e-3, one thread per worker) as the distributed
 * benchmarks train it, and how they read its throughput.
 */
final class Seed000Mlp {
    static final NetworkSpec SPEC = NetworkSpec.builder(784)
            .dense(256, Activation.RELU)
            .dense(128, Activation.RELU)
            .dense(10, Activation.SOFTMAX)
            .build();

    private Seed000Mlp() {}

    static TrainingConfig config(int globalBatch, int epochs, long seed) {
        return TrainingConfig.builder()
                .learningRate(1e-3f)
                .batchSize(globalBatch)
                .epochs(epochs)
                .seed(seed)
                .threads(1)
                .build();
    }

    /**
     * The epochs throughput is measured on: all but the first when there are several, because the
     * first epoch of fresh executor JVMs is mostly JIT warm-up, which two JVMs sharing two cores
     * pay more slowly than one JVM with a spare core.
     */
    static List<EpochStats> measured(List<EpochStats> history) {
        return history.size() > 1 ? history.subList(1, history.size()) : history;
    }

    static double samplesPerSecond(List<EpochStats> history) {
        List<EpochStats> m = measured(history);
        return m.stream().mapToLong(EpochStats::samples).sum()
                / m.stream().mapToDouble(EpochStats::seconds).sum();
    }

    static String measuredEpochs(int epochs) {
        return epochs > 1 ? "2-" + epochs : "1";
    }

    static double testAccuracy(float[] weights, TrainingConfig cfg, LabeledSamples test) {
        return Evaluation.of(Network.withParams(SPEC, Backends.getDefault(), weights), test, cfg.loss(), 1000)
                .accuracy();
    }
}
