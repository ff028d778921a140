package io.sparknn.ml.inference;

import io.sparknn.backend.GemmOnlyBackend;
import io.sparknn.backend.select.Backends;
import io.sparknn.loss.Loss;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One-row inference for a fitted model's {@code predictRaw} / {@code predict}, which Spark calls
 * once per row (from a UDF, or directly by users). Networks are reused across calls: a call
 * borrows an idle one (a network is not thread-safe) and returns it, so there are never more
 * than the calls that ran at the same time.
 *
 * <p>The networks run convolutions with im2col + GEMM ({@link GemmOnlyBackend}), never a
 * native primitive: a batch of one gains nothing from oneDNN, and a model has no
 * {@code close()} to free one, so these networks hold only Java arrays and go with the model.
 */
public final class RowPredictor {
    private final NetworkSpec spec;
    private final float[] weights;
    private final float[] state;
    private final Loss loss;
    private final ConcurrentLinkedDeque<Network> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger built = new AtomicInteger();

    /**
     * @param state the running statistics (empty when the network has none); shared, not copied
     * @param loss  what the output is taken before: the logits when it fuses the final activation
     */
    public RowPredictor(NetworkSpec spec, float[] weights, float[] state, Loss loss) {
        this.spec = spec;
        this.weights = weights;
        this.state = state;
        this.loss = loss;
    }

    /** The outputs for one sample of {@code spec.inputShape().size()} features (a new array). */
    public float[] predict(float[] features) {
        Network net = idle.poll();
        if (net == null) {
            GemmOnlyBackend backend = new GemmOnlyBackend(Backends.getDefault());
            net = state.length == 0
                    ? Network.withParams(spec, backend, weights)
                    : Network.withParams(spec, backend, weights, state);
            built.incrementAndGet();
        }
        try {
            return Arrays.copyOf(
                    net.forwardForLoss(features, 1, loss), spec.outputShape().size());
        } finally {
            idle.push(net);
        }
    }

    /** Networks built so far: at most the number of calls that ever ran at once. */
    public int networksBuilt() {
        return built.get();
    }
}
