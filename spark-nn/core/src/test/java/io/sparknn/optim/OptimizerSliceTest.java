package io.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Slices behave exactly like the whole vector, and misuse is reported with the values. */
class OptimizerSliceTest {
    private static final int N = 1001;
    private static final int SPLIT = 377;

    static java.util.List<Optimizer> optimizers() {
        return AllOptimizers.list();
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void twoSlicesAreBitIdenticalToTheWholeVector(Optimizer optimizer) {
        SplittableRandom rng = new SplittableRandom(42);
        float[] whole = random(rng, N);
        float[] split = whole.clone();
        OptimizerState wholeState = optimizer.newState(N);
        OptimizerState left = optimizer.newState(SPLIT);
        OptimizerState right = optimizer.newState(N - SPLIT);
        for (int step = 0; step < 5; step++) {
            float[] g = random(rng, N);
            float lr = 0.01f * (step + 1);
            float scale = 0.7f;
            optimizer.step(whole, g, 0, N, wholeState, lr, scale);
            optimizer.step(split, g, 0, SPLIT, left, lr, scale);
            optimizer.step(split, g, SPLIT, N - SPLIT, right, lr, scale);
        }
        assertArrayEquals(whole, split, optimizer.toJson());
        assertEquals(5, left.step());
        for (int k = 0; k < optimizer.slotCount(); k++) {
            float[] joined = new float[N];
            System.arraycopy(left.slots()[k], 0, joined, 0, SPLIT);
            System.arraycopy(right.slots()[k], 0, joined, SPLIT, N - SPLIT);
            assertArrayEquals(wholeState.slots()[k], joined, "slot " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void onlyTheSliceChanges(Optimizer optimizer) {
        float[] w = {1, 2, 3, 4, 5};
        float[] g = {1, 1, 1, 1, 1};
        optimizer.step(w, g, 1, 3, optimizer.newState(3), 0.1f, 1f);
        assertEquals(1f, w[0]);
        assertEquals(5f, w[4]);
        assertTrue(w[2] < 3f, "the slice moved against the gradient");
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void rejectsAStateOfAnotherLength(Optimizer optimizer) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> optimizer.step(new float[10], new float[10], 2, 5, optimizer.newState(4), 0.1f, 1f));
        assertTrue(e.getMessage().contains("state has length 4"), e.getMessage());
        assertTrue(e.getMessage().contains("length 5"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void rejectsASliceOutOfBounds(Optimizer optimizer) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> optimizer.step(new float[10], new float[8], 4, 5, optimizer.newState(5), 0.1f, 1f));
        assertTrue(e.getMessage().contains("offset 4, length 5"), e.getMessage());
        assertTrue(e.getMessage().contains("(8 values)"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void rejectsAStateWithTheWrongSlots(Optimizer optimizer) {
        OptimizerState wrong = OptimizerState.zeros(3, optimizer.slotCount() + 1);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> optimizer.step(new float[3], new float[3], 0, 3, wrong, 0.1f, 1f));
        assertTrue(e.getMessage().contains("expects " + optimizer.slotCount() + " state slots"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void rejectsANonFiniteScaleOrRate(Optimizer optimizer) {
        OptimizerState state = optimizer.newState(3);
        IllegalArgumentException scale = assertThrows(
                IllegalArgumentException.class,
                () -> optimizer.step(new float[3], new float[3], 0, 3, state, 0.1f, Float.NaN));
        assertTrue(scale.getMessage().contains("gradient scale must be finite, got NaN"), scale.getMessage());
        IllegalArgumentException rate = assertThrows(
                IllegalArgumentException.class, () -> optimizer.step(new float[3], new float[3], 0, 3, state, -1f, 1f));
        assertTrue(rate.getMessage().contains("got -1.0"), rate.getMessage());
        assertEquals(0, state.step(), "a rejected step does not count");
    }
}
