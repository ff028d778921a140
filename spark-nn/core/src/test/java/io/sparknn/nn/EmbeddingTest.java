package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.GradientChecker;
import io.sparknn.testing.OnEveryBackend;
import io.sparknn.testing.TestBackends;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Embedding lookups, gradients to the table, the padding index and the errors for bad ids. */
class EmbeddingTest {

    /** A small vocabulary so that ids repeat within and across samples (gradients accumulate). */
    @OnEveryBackend
    void tableGradient(Backend backend) {
        GradientChecker.checkParameters(
                "Embedding(5, 3)",
                new Embedding(5, 3),
                Shape.of(4),
                3,
                backend,
                rng -> rng.nextInt(5),
                new ForwardContext(true, 1L));
    }

    @OnEveryBackend
    void tableGradientWithPadding(Backend backend) {
        GradientChecker.checkParameters(
                "Embedding(5, 3, padding 2)",
                new Embedding(5, 3, 2),
                Shape.of(4),
                3,
                backend,
                rng -> rng.nextInt(5),
                new ForwardContext(true, 1L));
    }

    private static Layer bound(Embedding spec, int time, float[] params, float[] grads) {
        Layer l = spec.build(Shape.of(time), TestBackends.java()).get(0);
        l.bind(params, grads, 1); // at an offset, as in a network
        return l;
    }

    @Test
    void looksUpRowsAndOutputsZerosForPadding() {
        float[] params = new float[1 + 4 * 2];
        for (int i = 1; i < params.length; i++) {
            params[i] = i; // row r = {2r + 1, 2r + 2}
        }
        Layer l = bound(new Embedding(4, 2, 0), 3, params, new float[params.length]);
        float[] y = l.forward(new float[] {3, 0, 1, 2, 2, 0}, 2, ForwardContext.INFERENCE);
        assertArrayEquals(new float[] {7, 8, 0, 0, 3, 4, 5, 6, 5, 6, 0, 0}, java.util.Arrays.copyOf(y, 12));
        assertEquals(Shape.of(3, 2), l.outputShape());
    }

    @Test
    void repeatedIdsAccumulateAndThePaddingRowGetsNoGradient() {
        float[] params = new float[1 + 4 * 2];
        float[] grads = new float[params.length];
        java.util.Arrays.fill(grads, 99f); // backward overwrites, never accumulates across calls
        Layer l = bound(new Embedding(4, 2, 0), 3, params, grads);
        l.forward(new float[] {3, 0, 3, 1, 0, 3}, 2, new ForwardContext(true, 0L));
        float[] dy = {1, 2, 10, 20, 100, 200, 1000, 2000, 5, 5, 7, 8};
        assertEquals(null, l.backward(dy, 2, false));
        assertEquals(99f, grads[0], "outside the layer's view");
        // row 0 (padding): none; row 1: sample 1 pos 0; row 2: unused; row 3: positions 0, 2 and 5.
        assertArrayEquals(
                new float[] {0, 0, 1000, 2000, 0, 0, 1 + 100 + 7, 2 + 200 + 8},
                java.util.Arrays.copyOfRange(grads, 1, 9));
        float[] dx = l.backward(dy, 2, true);
        assertArrayEquals(new float[6], java.util.Arrays.copyOf(dx, 6), "token ids have no gradient");
    }

    @Test
    void thePaddingRowStartsAtZero() {
        NetworkSpec spec = NetworkSpec.builder(3).add(new Embedding(6, 4, 5)).build();
        float[] p = Network.create(spec, TestBackends.java(), 7).params();
        for (int i = 0; i < 4; i++) {
            assertEquals(0f, p[5 * 4 + i]);
            assertTrue(p[i] != 0f);
        }
    }

    @Test
    void badIdsNameSamplePositionValueAndRange() {
        NetworkSpec spec = NetworkSpec.builder(3)
                .add(new Embedding(10, 2))
                .add(new GlobalAveragePooling1D())
                .build();
        Network net = Network.create(spec, TestBackends.java(), 1);
        for (float bad : new float[] {10f, -1f, 2.5f, Float.NaN, Float.POSITIVE_INFINITY, 1e10f}) {
            float[] x = {1, 2, 3, 4, 5, 6};
            x[4] = bad;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(x, 2));
            String m = e.getMessage();
            assertTrue(m.contains("token id " + bad + " at position 1 of sample 1"), m);
            assertTrue(m.contains("integers in [0, 10)"), m);
            assertTrue(m.contains("inputDim=10"), m);
        }
    }

    @Test
    void invalidConfigurationsAreRejected() {
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> new Embedding(10, 4, 10));
        assertTrue(
                e.getMessage().contains("paddingIndex must be -1 (none) or an id in [0, 10), got 10"), e.getMessage());
        e = assertThrows(InvalidNetworkException.class, () -> new Embedding(0, 4));
        assertTrue(e.getMessage().contains("inputDim (vocabulary size) must be in [1, 16777216]"), e.getMessage());
        assertThrows(InvalidNetworkException.class, () -> new Embedding((1 << 24) + 1, 4));
        assertThrows(InvalidNetworkException.class, () -> new Embedding(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(10, 4, -1, "uniform"));
    }

    @Test
    void networkGivesEachSampleItsLengthFromTheLastNonPaddingId() {
        // Embedding -> GlobalAveragePooling1D averages the valid steps only: a probe of the lengths.
        NetworkSpec spec = NetworkSpec.builder(4)
                .add(new Embedding(3, 1, 0))
                .add(new GlobalAveragePooling1D())
                .build();
        Network net = Network.withParams(spec, TestBackends.java(), new float[] {0, 1, 2});
        float[] y = net.predict(new float[] {1, 2, 0, 0, /**/ 2, 0, 2, 0, /**/ 0, 0, 0, 0, /**/ 1, 1, 1, 1}, 4);
        // lengths 2, 3 (the inner padding counts as a zero step), 0, 4
        assertArrayEquals(new float[] {1.5f, 4f / 3, 0f, 1f}, java.util.Arrays.copyOf(y, 4), 1e-6f);
    }

    @Test
    void sameSeedSameTable() {
        List<Layer> a = new Embedding(50, 8).build(Shape.of(2), TestBackends.java());
        float[] p1 = new float[400];
        float[] p2 = new float[400];
        a.get(0).bind(p1, new float[400], 0);
        a.get(0).initialize(new SplittableRandom(3));
        a.get(0).bind(p2, new float[400], 0);
        a.get(0).initialize(new SplittableRandom(3));
        assertArrayEquals(p1, p2);
        double limit = Math.sqrt(6.0 / (50 + 8));
        for (float v : p1) {
            assertTrue(Math.abs(v) <= limit, "glorot_uniform limit " + limit + ", got " + v);
        }
    }
}
