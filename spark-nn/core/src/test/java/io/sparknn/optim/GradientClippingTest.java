package io.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void sumOfSquaresCoversOnlyTheSlice() {
        float[] g = {100, 3, 4, 100};
        assertEquals(25.0, GradientClipping.sumOfSquares(g, 1, 2));
        assertEquals(0.0, GradientClipping.sumOfSquares(g, 2, 0));
    }

    @Test
    void slicesAddUpToTheWholeVector() {
        float[] g = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f};
        double whole = GradientClipping.sumOfSquares(g, 0, 5);
        double parts = GradientClipping.sumOfSquares(g, 0, 2) + GradientClipping.sumOfSquares(g, 2, 3);
        assertEquals(whole, parts, 1e-15);
    }

    @Test
    void normWithinMaxNormIsNotScaled() {
        assertEquals(1f, GradientClipping.clipScale(25.0, 5.0), "norm 5 equals maxNorm 5");
        assertEquals(1f, GradientClipping.clipScale(9.0, 5.0));
        assertEquals(1f, GradientClipping.clipScale(0.0, 5.0));
    }

    @Test
    void normAboveMaxNormIsScaledDownToMaxNorm() {
        float[] g = {3, 4, 12};
        double sum = GradientClipping.sumOfSquares(g, 0, 3);
        float scale = GradientClipping.clipScale(sum, 6.5);
        assertEquals(0.5f, scale);
        double clippedNorm = Math.sqrt(sum) * scale;
        assertEquals(6.5, clippedNorm, 1e-6);
    }

    @Test
    void nonPositiveMaxNormDisablesClipping() {
        assertEquals(1f, GradientClipping.clipScale(1e12, 0));
        assertEquals(1f, GradientClipping.clipScale(1e12, -1));
    }

    @Test
    void nonFiniteSumIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipScale(Double.NaN, 1.0));
        assertTrue(e.getMessage().contains("got NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipScale(Double.POSITIVE_INFINITY, 1.0));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipScale(-1, 1.0));
    }

    @Test
    void sliceOutOfBoundsIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.sumOfSquares(new float[4], 3, 2));
        assertTrue(e.getMessage().contains("offset 3, length 2"), e.getMessage());
    }
}
