package io.sparknn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Empirical moments on 100,000 draws. The standard error of the mean is std / 316 (0.32% of
 * std) and that of the standard deviation is below 0.25% of it for these distributions, so
 * the tolerances of 1.5% of std (mean) and 1% (std) are about four standard errors or more.
 * The seeds are fixed, so the test is deterministic anyway.
 */
class InitializersTest {
    private static final int DRAWS = 100_000;
    private static final int FAN_IN = 300;
    private static final int FAN_OUT = 100;

    private static float[] draw(Initializer init, long seed) {
        float[] w = new float[DRAWS];
        init.fill(w, 0, DRAWS, FAN_IN, FAN_OUT, new SplittableRandom(seed));
        return w;
    }

    private static void assertMoments(float[] w, double expectedStd) {
        double sum = 0;
        double sumSq = 0;
        for (float x : w) {
            sum += x;
            sumSq += (double) x * x;
        }
        double mean = sum / w.length;
        double std = Math.sqrt(sumSq / w.length - mean * mean);
        assertEquals(0, mean, 0.015 * expectedStd, "mean");
        assertEquals(expectedStd, std, 0.01 * expectedStd, "standard deviation");
    }

    private static double maxAbs(float[] w) {
        double max = 0;
        for (float x : w) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static void assertUniform(Initializer init, double limit) {
        float[] w = draw(init, 7);
        assertMoments(w, limit / Math.sqrt(3));
        assertTrue(maxAbs(w) <= limit, "all draws within the limit " + limit);
        assertTrue(maxAbs(w) > 0.999 * limit, "draws reach the limit " + limit);
    }

    private static void assertTruncatedNormal(Initializer init, double std) {
        float[] w = draw(init, 11);
        assertMoments(w, std);
        double cut = 2 * std / VarianceScaling.TRUNCATED_STD;
        assertTrue(maxAbs(w) <= cut, "truncated at two untruncated sigmas, " + cut);
        assertTrue(maxAbs(w) > 0.99 * cut, "draws reach the cut " + cut);
    }

    @Test
    void glorotUniform() {
        assertUniform(Initializers.glorotUniform(), Math.sqrt(6.0 / (FAN_IN + FAN_OUT)));
    }

    @Test
    void glorotNormal() {
        assertTruncatedNormal(Initializers.glorotNormal(), Math.sqrt(2.0 / (FAN_IN + FAN_OUT)));
    }

    @Test
    void heUniform() {
        assertUniform(Initializers.heUniform(), Math.sqrt(6.0 / FAN_IN));
    }

    @Test
    void heNormal() {
        assertTruncatedNormal(Initializers.heNormal(), Math.sqrt(2.0 / FAN_IN));
    }

    @Test
    void zeros() {
        float[] w = {1, 2, 3, 4};
        Initializers.zeros().fill(w, 1, 2, 0, 0, new SplittableRandom(1));
        assertArrayEquals(new float[] {1, 0, 0, 4}, w);
    }

    @ParameterizedTest
    @ValueSource(strings = {"glorot_uniform", "glorot_normal", "he_uniform", "he_normal"})
    void sameSeedSameValuesOtherSeedOtherValues(String name) {
        Initializer init = Initializers.byName(name);
        float[] a = new float[1000];
        float[] b = new float[1000];
        float[] c = new float[1000];
        init.fill(a, 0, 1000, 64, 32, new SplittableRandom(123));
        init.fill(b, 0, 1000, 64, 32, new SplittableRandom(123));
        init.fill(c, 0, 1000, 64, 32, new SplittableRandom(124));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @ParameterizedTest
    @ValueSource(strings = {"glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "zeros"})
    void fillsOnlyTheSlice(String name) {
        float[] w = new float[10];
        Arrays.fill(w, 42f);
        Initializers.byName(name).fill(w, 3, 4, 8, 8, new SplittableRandom(5));
        for (int i : new int[] {0, 1, 2, 7, 8, 9}) {
            assertEquals(42f, w[i], "index " + i + " is outside the slice");
        }
        for (int i = 3; i < 7; i++) {
            assertTrue(Math.abs(w[i]) < 42f, "index " + i + " was filled");
        }
    }

    @Test
    void byNameKnowsTheKerasNames() {
        for (String name : Initializers.NAMES) {
            assertEquals(name, Initializers.byName(name).name());
        }
        assertSame(Initializers.heNormal(), Initializers.byName("he_normal"));
    }

    @Test
    void unknownNameListsTheAcceptedNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.byName("xavier"));
        assertTrue(e.getMessage().contains("'xavier'"), e.getMessage());
        assertTrue(
                e.getMessage().contains("glorot_uniform, glorot_normal, he_uniform, he_normal, zeros"), e.getMessage());
    }

    @Test
    void missingFansAreReported() {
        IllegalArgumentException glorot = assertThrows(
                IllegalArgumentException.class,
                () -> Initializers.glorotUniform().fill(new float[4], 0, 4, 8, 0, new SplittableRandom(1)));
        assertTrue(glorot.getMessage().contains("fanOut 0"), glorot.getMessage());
        IllegalArgumentException he = assertThrows(
                IllegalArgumentException.class,
                () -> Initializers.heNormal().fill(new float[4], 0, 4, 0, 8, new SplittableRandom(1)));
        assertTrue(he.getMessage().contains("fanIn > 0") && he.getMessage().contains("fanIn 0"), he.getMessage());
    }

    @Test
    void sliceOutOfBoundsIsReported() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Initializers.heUniform().fill(new float[4], 2, 3, 8, 8, new SplittableRandom(1)));
        assertTrue(
                e.getMessage().contains("offset 2, length 3") && e.getMessage().contains("4 values"), e.getMessage());
    }
}
