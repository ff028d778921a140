package io.sparknn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.testing.GradientChecker;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradient checks and reference values for every loss, with and without sample weights. */
class LossGradientTest {
    private final SplittableRandom rng = new SplittableRandom(7);

    private float[] uniform(int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble(lo, hi);
        }
        return v;
    }

    @Test
    void softmaxCrossEntropyGradient() {
        float[] logits = uniform(4 * 5, -3, 3);
        float[] labels = {0, 4, 2, 2};
        GradientChecker.checkLoss("softmax_cross_entropy", new SoftmaxCrossEntropy(), logits, 4, 5, labels, null);
        GradientChecker.checkLoss(
                "softmax_cross_entropy weighted", new SoftmaxCrossEntropy(), logits, 4, 5, labels, new float[] {
                    0.5f, 2f, 0f, 1f
                });
    }

    @Test
    void softmaxCrossEntropyValueAndStability() {
        // Two classes, logits (0, ln 3): p = (1/4, 3/4); label 0 gives -ln(1/4) = ln 4.
        float[] logits = {0f, (float) Math.log(3)};
        assertEquals(
                Math.log(4), new SoftmaxCrossEntropy().compute(logits, 1, 2, new float[] {0}, null, 1f, null), 1e-6);
        // Huge logits must not overflow: loss 1000 - ... stays finite.
        float[] big = {1000f, -1000f, 0f};
        float[] grad = new float[3];
        double l = new SoftmaxCrossEntropy().compute(big, 1, 3, new float[] {1}, null, 1f, grad);
        assertEquals(2000.0, l, 1e-3);
        assertTrue(Float.isFinite(grad[0]) && Float.isFinite(grad[1]));
    }

    @Test
    void softmaxCrossEntropyRejectsBadLabels() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().compute(new float[6], 2, 3, new float[] {1, 3}, null, 1f, null));
        assertTrue(e.getMessage().contains("Label 3.0 of sample 1"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().compute(new float[3], 1, 3, new float[] {0.5f}, null, 1f, null));
    }

    @Test
    void binaryCrossEntropyGradient() {
        float[] logits = uniform(6, -4, 4);
        float[] labels = {0, 1, 1, 0, 0.3f, 1};
        GradientChecker.checkLoss("binary_cross_entropy", new BinaryCrossEntropy(), logits, 6, 1, labels, null);
        GradientChecker.checkLoss(
                "binary_cross_entropy 2 outputs weighted", new BinaryCrossEntropy(), logits, 3, 2, labels, new float[] {
                    1f, 3f, 0.25f
                });
    }

    @Test
    void binaryCrossEntropyValueAndStability() {
        // logit 0 -> p = 0.5 -> ln 2 for either label.
        assertEquals(
                Math.log(2),
                new BinaryCrossEntropy().compute(new float[] {0f}, 1, 1, new float[] {1}, null, 1f, null),
                1e-7);
        float[] grad = new float[1];
        double l = new BinaryCrossEntropy().compute(new float[] {-200f}, 1, 1, new float[] {1}, null, 1f, grad);
        assertEquals(200.0, l, 1e-4);
        assertEquals(-1.0, grad[0], 1e-6);
        assertThrows(
                IllegalArgumentException.class,
                () -> new BinaryCrossEntropy().compute(new float[] {0f}, 1, 1, new float[] {2f}, null, 1f, null));
    }

    @Test
    void meanSquaredErrorGradient() {
        float[] out = uniform(3 * 4, -2, 2);
        float[] labels = uniform(3 * 4, -2, 2);
        GradientChecker.checkLoss("mse", new MeanSquaredError(), out, 3, 4, labels, null);
        GradientChecker.checkLoss(
                "mse weighted", new MeanSquaredError(), out, 3, 4, labels, new float[] {2f, 0.5f, 1f});
        // ((1-0)^2 + (3-1)^2) / 2 = 2.5
        assertEquals(
                2.5,
                new MeanSquaredError().compute(new float[] {1, 3}, 1, 2, new float[] {0, 1}, null, 1f, null),
                1e-9);
    }

    @Test
    void scaleMultipliesTheGradientOnly() {
        float[] logits = uniform(2 * 3, -1, 1);
        float[] labels = {1, 2};
        float[] g1 = new float[6];
        float[] g2 = new float[6];
        double l1 = new SoftmaxCrossEntropy().compute(logits, 2, 3, labels, null, 1f, g1);
        double l2 = new SoftmaxCrossEntropy().compute(logits, 2, 3, labels, null, 0.5f, g2);
        assertEquals(l1, l2, 0.0);
        for (int i = 0; i < 6; i++) {
            assertEquals(g1[i] * 0.5f, g2[i], 1e-7);
        }
    }

    @Test
    void namesAndAliases() {
        assertEquals(
                "softmax_cross_entropy",
                Losses.byName("sparse_categorical_crossentropy").name());
        assertEquals(
                "binary_cross_entropy", Losses.byName("binary_crossentropy").name());
        assertEquals("mse", Losses.byName("mean_squared_error").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("hinge"));
        assertTrue(e.getMessage().contains("'hinge'") && e.getMessage().contains("mse"), e.getMessage());
    }
}
