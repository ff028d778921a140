package io.sparknn.ml.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One-row prediction reuses its networks instead of building one per row, gives the batch
 * network's outputs, and takes no native primitive that nobody would close.
 */
class RowPredictorTest {
    private static final NetworkSpec CNN = NetworkSpec.builder(1, 8, 8)
            .conv2d(3, 3, Activation.RELU)
            .maxPooling2d(2)
            .flatten()
            .dense(4, Activation.SOFTMAX)
            .build();

    private static float[] rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    @Test
    void twoHundredRowsOnOneThreadUseOneNetworkAndMatchTheBatchOutputs() {
        float[] x = rows(200, 1);
        try (Network reference = Network.create(CNN, Backends.getDefault(), 3)) {
            float[] expected =
                    reference.forwardForLoss(x, 200, new SoftmaxCrossEntropy()).clone();
            RowPredictor rows = new RowPredictor(CNN, reference.params(), reference.state(), new SoftmaxCrossEntropy());
            int liveBefore = Backends.getDefault().liveConvolutions();
            for (int i = 0; i < 200; i++) {
                float[] one = java.util.Arrays.copyOfRange(x, i * 64, (i + 1) * 64);
                float[] y = rows.predict(one);
                assertEquals(4, y.length);
                for (int j = 0; j < 4; j++) {
                    // Same weights; one-row GEMMs against batched ones: rounding only.
                    assertEquals(expected[i * 4 + j], y[j], 1e-5f, "row " + i + " logit " + j);
                }
            }
            assertEquals(1, rows.networksBuilt(), "one network for 200 sequential rows");
            assertEquals(liveBefore, Backends.getDefault().liveConvolutions(), "no native primitive per row");
        }
    }

    @Test
    void concurrentCallersBorrowAtMostOneNetworkEach() throws Exception {
        try (Network reference = Network.create(CNN, Backends.getDefault(), 4)) {
            RowPredictor rows = new RowPredictor(CNN, reference.params(), reference.state(), new SoftmaxCrossEntropy());
            float[] x = rows(1, 2);
            float[] expected = rows.predict(x);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    results.add(pool.submit(() -> rows.predict(x)));
                }
                for (Future<float[]> f : results) {
                    assertArrayEquals(expected, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(
                    rows.networksBuilt() <= 4,
                    "at most one network per concurrent caller (3) plus the first: " + rows.networksBuilt());
        }
    }
}
