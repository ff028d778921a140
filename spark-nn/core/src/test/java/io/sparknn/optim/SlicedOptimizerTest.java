package io.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlicedOptimizerTest {
    private final SplittableRandom rng = new SplittableRandom(6);

    private float[] randoms(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void slicesSaveAndRestoreAsOneWholeStateBitExactly() {
        int n = 1001;
        float[] w1 = randoms(n);
        float[] w2 = w1.clone();
        float[][] grads = {randoms(n), randoms(n), randoms(n), randoms(n)};
        SlicedOptimizer whole = new SlicedOptimizer(new Adam(), 0, n, 1);
        SlicedOptimizer sliced = new SlicedOptimizer(new Adam(), 0, n, 3);
        for (int s = 0; s < 2; s++) {
            whole.step(0, w1, grads[s], 0.01f, 1f);
            for (int p = 0; p < 3; p++) {
                sliced.step(p, w2, grads[s], 0.01f, 1f);
            }
        }
        assertArrayEquals(w1, w2);
        OptimizerState saved = sliced.wholeState();
        assertEquals(2, saved.step());
        assertArrayEquals(whole.wholeState().slots()[1], saved.slots()[1]);
        // Restore into a different slicing and continue: still identical.
        SlicedOptimizer restored = new SlicedOptimizer(new Adam(), 0, n, 4, saved);
        for (int s = 2; s < 4; s++) {
            whole.step(0, w1, grads[s], 0.01f, 1f);
            for (int p = 0; p < 4; p++) {
                restored.step(p, w2, grads[s], 0.01f, 1f);
            }
        }
        assertArrayEquals(w1, w2);
    }

    @Test
    void aRangeNotStartingAtZeroCoversExactlyThatRange() {
        SlicedOptimizer opt = new SlicedOptimizer(new Sgd(), 10, 20, 3);
        assertEquals(10, opt.from(0));
        assertEquals(30, opt.from(3));
        float[] w = new float[40];
        float[] g = new float[40];
        java.util.Arrays.fill(g, 1f);
        for (int p = 0; p < 3; p++) {
            opt.step(p, w, g, 0.5f, 1f);
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(i >= 10 && i < 30 ? -0.5f : 0f, w[i], "w[" + i + "]");
        }
    }

    @Test
    void aStateOfAnotherSizeIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new SlicedOptimizer(new Adam(), 0, 10, 2, new Adam().newState(11)));
        assertTrue(e.getMessage().contains("covers 11 parameters but the range has 10"), e.getMessage());
    }
}
