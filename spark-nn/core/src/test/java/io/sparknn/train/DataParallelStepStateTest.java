package io.sparknn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The replicas of a data-parallel step share the network's state; exactly one shard updates it. */
class DataParallelStepStateTest {
    private static final NetworkSpec SPEC = NetworkSpec.builder(3)
            .add(new BatchNormalization(0.5f, 1e-3f, true, true))
            .dense(2, Activation.SOFTMAX)
            .build();

    private static LabeledSamples data(int n) {
        SplittableRandom rng = new SplittableRandom(9);
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) rng.nextDouble(-2, 2) + j;
            }
            y[i] = i % 2;
        }
        return new LabeledSamples(x, Shape.of(3), y, 1, null);
    }

    @Test
    void onlyTheShardWithTheFirstSampleUpdatesTheSharedState() {
        LabeledSamples d = data(8);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        Network net = Network.create(SPEC, TestBackends.java(), 1);
        float[] initial = net.state().clone();

        // What the first shard (samples 0..3) alone does to a fresh state, and what the whole batch would do.
        Network shard0 = Network.create(SPEC, TestBackends.java(), 1);
        shard0.forwardBackward(
                d.slice(0, 4).features(), 4, d.slice(0, 4).labels(), null, new SoftmaxCrossEntropy(), 0.125f, 3L);
        Network whole = Network.create(SPEC, TestBackends.java(), 1);
        whole.forwardBackward(d.features(), 8, d.labels(), null, new SoftmaxCrossEntropy(), 0.125f, 3L);

        try (DataParallelStep step = new DataParallelStep(SPEC, TestBackends.java(), net.params(), net.state(), 2)) {
            assertSame(net.state(), step.network().state());
            step.run(d, order, 0, 8, new SoftmaxCrossEntropy(), 0.125f, 3L, 0);
        }
        assertArrayEquals(shard0.state(), net.state());
        assertFalse(java.util.Arrays.equals(whole.state(), net.state()), "the other shard must not update");
        assertFalse(java.util.Arrays.equals(initial, net.state()));
    }

    @Test
    void aBatchSmallerThanTheThreadCountStillUpdatesOnce() {
        LabeledSamples d = data(1);
        Network net = Network.create(SPEC, TestBackends.java(), 1);
        Network single = Network.create(SPEC, TestBackends.java(), 1);
        single.forwardBackward(d.features(), 1, d.labels(), null, new SoftmaxCrossEntropy(), 1f, 3L);
        try (DataParallelStep step = new DataParallelStep(SPEC, TestBackends.java(), net.params(), net.state(), 3)) {
            step.run(d, new int[] {0}, 0, 1, new SoftmaxCrossEntropy(), 1f, 3L, 0);
        }
        assertArrayEquals(single.state(), net.state());
    }

    @Test
    void withoutAStateTheStepOwnsAFreshOne() {
        Network net = Network.create(SPEC, TestBackends.java(), 1);
        try (DataParallelStep step = new DataParallelStep(SPEC, TestBackends.java(), net.params(), 2)) {
            assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1}, step.network().state());
            step.run(data(4), new int[] {0, 1, 2, 3}, 0, 4, new SoftmaxCrossEntropy(), 0.25f, 3L, 0);
            assertFalse(java.util.Arrays.equals(
                    new float[] {0, 0, 0, 1, 1, 1}, step.network().state()));
        }
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1}, net.state(), "the network's own state is untouched");
    }
}
