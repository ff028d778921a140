package io.sparknn.bench.engine;

import io.sparknn.nn.Conv2D;
import io.sparknn.nn.Dense;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.NetworkSpec;

/**
 * GEMM FLOPs of one training sample, the figure behind a benchmark's GFLOP/s: for each Dense and
 * Conv2D layer the forward product and the weight gradient, plus the input gradient for all but
 * the first trainable layer (which needs none). Element-wise work (activations, pooling, bias)
 * is left out, so GFLOP/s measures how well the GEMMs are fed.
 */
final class TrainingFlops {
    private TrainingFlops() {}

    static long perSample(NetworkSpec spec) {
        long flops = 0;
        boolean first = true;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            long mac;
            if (l instanceof Dense d) {
                mac = 2L * spec.inputShape(i).size() * d.units();
            } else if (l instanceof Conv2D c) {
                mac = 2L * spec.outputShape(i).size() * spec.inputShape(i).dim(0) * c.kernelHeight() * c.kernelWidth();
            } else {
                continue;
            }
            flops += (first ? 2 : 3) * mac;
            first = false;
        }
        return flops;
    }
}
