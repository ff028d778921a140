package io.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The weights after the first two updates of every optimizer on a fixed toy problem, against
 * values computed in double precision from PyTorch's documented update rules by
 * {@code src/test/python/optimizer_golden.py}, independently of the Java code.
 *
 * <p>Problem: w = [1, -2, 0.5], g1 = [0.1, -0.2, 0.3], g2 = [-0.05, 0.4, 0], lr = 0.1.
 *
 * <p>Tolerance 1e-6 absolute: the Java updates run in float32, whose spacing near |w| = 2 is
 * 2.4e-7, so two updates of a handful of rounded operations each stay within a few ulps of
 * the double-precision reference. Wrong formulas (a missing bias correction, momentum on the
 * wrong term, weight decay applied twice or scaled by gradScale) move the values by 1e-3 or
 * more. Moving epsilon inside the square root would go unnoticed with these gradients.
 */
class OptimizerGoldenTest {
    private static final float TOLERANCE = 1e-6f;
    private static final float LR = 0.1f;

    private static float[] twoSteps(Optimizer optimizer, float gradScale) {
        float[] w = {1.0f, -2.0f, 0.5f};
        float[][] grads = {{0.1f, -0.2f, 0.3f}, {-0.05f, 0.4f, 0.0f}};
        OptimizerState state = optimizer.newState(3);
        for (float[] g : grads) {
            optimizer.step(w, g, 0, 3, state, LR, gradScale);
        }
        assertEquals(2, state.step());
        return w;
    }

    private static void assertGolden(float[] expected, Optimizer optimizer) {
        assertArrayEquals(expected, twoSteps(optimizer, 1f), TOLERANCE, optimizer.toJson());
    }

    @Test
    void sgd() {
        // w -= lr * g
        assertGolden(new float[] {0.995f, -2.02f, 0.47f}, new Sgd());
    }

    @Test
    void sgdAppliesGradScale() {
        // w -= lr * (0.5 * g)
        assertArrayEquals(new float[] {0.9974999999999999f, -2.01f, 0.485f}, twoSteps(new Sgd(), 0.5f), TOLERANCE);
    }

    @Test
    void sgdWithL2WeightDecay() {
        // g' = g + 0.1 * w; w -= lr * g'
        assertGolden(new float[] {0.9752f, -1.9804f, 0.46035000000000004f}, new Sgd().withWeightDecay(0.1));
    }

    @Test
    void weightDecayIsNotScaledByGradScale() {
        // g' = 0.5 * g + 0.1 * w; w -= lr * g'
        assertArrayEquals(
                new float[] {0.97765f, -1.9703f, 0.47519999999999996f},
                twoSteps(new Sgd().withWeightDecay(0.1), 0.5f),
                TOLERANCE);
    }

    @Test
    void sgdMomentum() {
        // b = 0.9 * b + g (b1 = g1); w -= lr * b
        assertGolden(new float[] {0.986f, -2.002f, 0.44299999999999995f}, Sgd.withMomentum(0.9));
    }

    @Test
    void sgdNesterov() {
        // b = 0.9 * b + g; w -= lr * (g + 0.9 * b)
        assertGolden(new float[] {0.9823999999999999f, -2.0218f, 0.4187f}, Sgd.withNesterov(0.9));
    }

    @Test
    void adam() {
        // m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
        // w -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps), b1 0.9, b2 0.999, eps 1e-8
        assertGolden(new float[] {0.8733663094033909f, -1.9366103565460366f, 0.33299418107915446f}, new Adam());
    }

    @Test
    void adamWithL2WeightDecay() {
        // Adam on g' = g + 0.1 * w
        assertGolden(
                new float[] {0.8196959125824109f, -1.87528316883678f, 0.32497436528996426f},
                new Adam().withWeightDecay(0.1));
    }

    @Test
    void adamW() {
        // w *= 1 - lr * 0.01, then the Adam update on g
        assertGolden(new float[] {0.8714673093933909f, -1.9327123565410367f, 0.3320946810758212f}, new AdamW());
    }

    @Test
    void rmsprop() {
        // v = 0.99 v + 0.01 g^2; w -= lr * g / (sqrt(v) + 1e-8)
        assertGolden(new float[] {0.44901385184049314f, -1.8953232616706837f, -0.4999996666667773f}, new RMSprop());
    }

    @Test
    void rmspropMomentum() {
        // v as above; b = 0.9 b + g / (sqrt(v) + 1e-8); w -= lr * b
        assertGolden(
                new float[] {-0.4509852481604066f, -0.9953237116704593f, -1.3999993666668769f},
                new RMSprop().withMomentum(0.9));
    }

    @Test
    void adagrad() {
        // s += g^2 (s0 = 0); w -= lr * g / (sqrt(s) + 1e-10)
        assertGolden(new float[] {0.9447213596099957f, -1.9894427191299915f, 0.40000000003333336f}, new Adagrad());
    }

    @Test
    void adagradWithInitialAccumulatorAndL2() {
        // g' = g + 0.1 w; s += g'^2 (s0 = 0.1); w -= lr * g' / (sqrt(s) + 1e-10)
        assertGolden(
                new float[] {0.934697356393862f, -1.959299870885476f, 0.41680975843572776f},
                new Adagrad().withInitialAccumulatorValue(0.1).withWeightDecay(0.1));
    }
}
