package io.sparknn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.LabeledSamples;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.optim.SlicedOptimizer;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataParallelStepTest {
    // Dropout makes the test sensitive to how per-sample random masks follow the sharding.
    private static final NetworkSpec SPEC = NetworkSpec.builder(20)
            .dense(16, Activation.TANH)
            .dropout(0.3f)
            .dense(4, Activation.SOFTMAX)
            .build();

    private static LabeledSamples data(int n) {
        SplittableRandom rng = new SplittableRandom(8);
        float[] x = new float[n * 20];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(4);
        }
        return new LabeledSamples(x, Shape.of(20), y, 1, null);
    }

    private static float[] gradients(int threads, LabeledSamples d, int[] order, int start, int batch) {
        Network net = Network.create(SPEC, TestBackends.mkl(), 5);
        try (DataParallelStep step = new DataParallelStep(SPEC, TestBackends.mkl(), net.params(), threads)) {
            DataParallelStep.StepResult r =
                    step.run(d, order, start, batch, new SoftmaxCrossEntropy(), 1f / batch, 99, 0);
            assertEquals(batch, r.weightSum(), 0.0);
            return step.grads().clone();
        }
    }

    @Test
    void shardedGradientsEqualTheWholeBatchUpToSummationOrder() {
        LabeledSamples d = data(50);
        int[] order = new int[50];
        Permutations.fill(order, 1);
        float[] one = gradients(1, d, order, 3, 37);
        for (int threads : new int[] {2, 3, 5}) {
            float[] many = gradients(threads, d, order, 3, 37);
            double max = 0;
            for (float g : one) {
                max = Math.max(max, Math.abs(g));
            }
            for (int i = 0; i < one.length; i++) {
                // Same dropout masks and the same math; only the order of float sums differs.
                assertEquals(one[i], many[i], 1e-5 * max, threads + " threads, gradient " + i);
            }
        }
    }

    @Test
    void aFixedThreadCountIsDeterministicAndEmptyShardsAreHarmless() {
        LabeledSamples d = data(10);
        int[] order = new int[10];
        Permutations.fill(order, 2);
        assertArrayEquals(gradients(4, d, order, 0, 3), gradients(4, d, order, 0, 3)); // 3 rows on 4 threads
        assertArrayEquals(gradients(2, d, order, 0, 10), gradients(2, d, order, 0, 10));
    }

    @Test
    void featuresInABufferGiveTheSameBatchAsInAnArray() {
        LabeledSamples array = data(60);
        java.nio.FloatBuffer direct = java.nio.ByteBuffer.allocateDirect(array.features().length * Float.BYTES)
                .order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer()
                .put(array.features());
        LabeledSamples buffered = new LabeledSamples(direct, Shape.of(20), array.labels(), 1, null);
        assertTrue(buffered.isBuffered());
        int[] order = new int[60];
        Permutations.fill(order, 3); // shuffled: the buffered gather reads rows in address order
        for (int threads : new int[] {1, 3}) {
            assertArrayEquals(
                    gradients(threads, array, order, 5, 41),
                    gradients(threads, buffered, order, 5, 41),
                    threads + " threads");
        }
    }

    @Test
    void parallelUpdateEqualsOneWholeUpdate() {
        LabeledSamples d = data(64);
        int[] order = new int[64];
        Permutations.fill(order, 3);
        float[][] results = new float[2][];
        for (int k = 0; k < 2; k++) {
            int threads = k == 0 ? 1 : 3;
            Network net = Network.create(SPEC, TestBackends.java(), 5);
            try (DataParallelStep step = new DataParallelStep(SPEC, TestBackends.java(), net.params(), 1)) {
                // Same gradients for both (1 thread), then update with 1 or 3 optimizer slices.
                try (DataParallelStep updater =
                        new DataParallelStep(SPEC, TestBackends.java(), net.params(), threads)) {
                    SlicedOptimizer sliced = updater.slicedOptimizer(new Adam(), null);
                    for (int s = 0; s < 3; s++) {
                        step.run(d, order, 0, 64, new SoftmaxCrossEntropy(), 1f / 64, s, 0);
                        System.arraycopy(step.grads(), 0, updater.grads(), 0, net.paramCount());
                        updater.update(sliced, 0.01f, updater.clipScale(0.5));
                    }
                    assertEquals(3, sliced.step());
                }
            }
            results[k] = net.params().clone();
        }
        assertArrayEquals(results[0], results[1], "slicing the optimizer must not change a single bit");
    }

    @Test
    void aFailingShardFailsTheStepWithItsCause() {
        LabeledSamples bad = new LabeledSamples(new float[4 * 20], Shape.of(20), new float[] {0, 1, 7, 2}, 1, null);
        Network net = Network.create(SPEC, TestBackends.java(), 5);
        try (DataParallelStep step = new DataParallelStep(SPEC, TestBackends.java(), net.params(), 2)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> step.run(bad, new int[] {0, 1, 2, 3}, 0, 4, new SoftmaxCrossEntropy(), 0.25f, 1, 0));
            assertTrue(e.getMessage().contains("Label 7.0"), e.getMessage());
            // The team survives a failed step.
            LabeledSamples good = data(4);
            step.run(good, new int[] {0, 1, 2, 3}, 0, 4, new SoftmaxCrossEntropy(), 0.25f, 1, 0);
        }
    }
}
