package io.sparknn.distributed.spark;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.TrainingConfig;
import java.util.Locale;

/**
 * A lower bound of the heap one worker allocates for the network and one batch, counting only
 * arrays it certainly holds at once: the weights, a gradient per thread (plus their sum with
 * several threads), the optimizer moments of its slice, worker 0's copy of the trained network
 * for the driver, and each layer's output and its gradient for the worker's share of a batch.
 * Training data is not counted: it spills to disk beyond its own budget.
 */
record WorkerMemoryEstimate(long weights, long gradients, long optimizer, long result, long activations) {

    static WorkerMemoryEstimate of(NetworkSpec spec, TrainingConfig cfg, int workers) {
        long n = spec.paramCount() + spec.stateSize();
        int threads = cfg.threads();
        long gradients = n * (threads + (threads > 1 ? 1 : 0));
        long optimizer = (long) cfg.optimizer().slotCount() * ((spec.paramCount() + workers - 1) / workers);
        long rowsPerThread =
                Math.max(1, ((long) cfg.batchSize() + (long) workers * threads - 1) / ((long) workers * threads));
        long perRow = spec.inputShape().size();
        for (int i = 0; i < spec.layers().size(); i++) {
            perRow += 2L * spec.outputShape(i).size();
        }
        return new WorkerMemoryEstimate(
                4 * n, 4 * gradients, 4 * optimizer, 4 * n, 4 * perRow * rowsPerThread * threads);
    }

    long total() {
        return weights + gradients + optimizer + result + activations;
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "weights %s, gradients %s, optimizer slice %s, trained copy %s, activations %s",
                mib(weights),
                mib(gradients),
                mib(optimizer),
                mib(result),
                mib(activations));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", (bytes + (1 << 20) - 1) >> 20);
    }
}
