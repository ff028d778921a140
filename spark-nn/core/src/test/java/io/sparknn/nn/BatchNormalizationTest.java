package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.loss.MeanSquaredError;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import org.junit.jupiter.api.Test;

/** BatchNormalization's statistics: batch statistics in training, running statistics at inference, and their update. */
class BatchNormalizationTest {
    // Two samples of [2 channels, 1 x 2]: channel 0 holds {1, 3, 5, 7}, channel 1 holds {2, 2, 4, 4}.
    private static final float[] X = {1, 3, 2, 2, 5, 7, 4, 4};
    private static final NetworkSpec SPEC = NetworkSpec.builder(2, 1, 2)
            .add(new BatchNormalization(0.9f, 1e-3f, true, true))
            .flatten()
            .dense(1)
            .build();

    @Test
    void stateStartsAtMeanZeroVarianceOneAndIsNotAParameter() {
        Network net = Network.create(SPEC, TestBackends.java(), 1);
        assertEquals(4, SPEC.stateSize());
        assertEquals(4 + 4 + 1, SPEC.paramCount(), "gamma, beta, then the Dense kernel and bias");
        assertArrayEquals(new float[] {0, 0, 1, 1}, net.state());
        assertArrayEquals(new float[] {1, 1, 0, 0}, java.util.Arrays.copyOf(net.params(), 4), "gamma 1, beta 0");
    }

    @Test
    void trainingUpdatesRunningStatisticsWithTheUnbiasedVariance() {
        Network net = Network.create(SPEC, TestBackends.java(), 1);
        net.forwardBackward(X, 2, new float[] {0, 1}, null, new MeanSquaredError(), 0.5f, 7L);
        // channel 0: mean 4, unbiased variance (9+1+1+9)/3; channel 1: mean 3, unbiased variance 4/3
        float[] expected = {0.1f * 4, 0.1f * 3, 0.9f + 0.1f * 20f / 3, 0.9f + 0.1f * 4f / 3};
        assertArrayEquals(expected, net.state(), 1e-6f);
    }

    @Test
    void trainingNormalizesWithBatchStatisticsAndInferenceWithRunningOnes() {
        BatchNormalization bn = new BatchNormalization(0.9f, 1e-3f, true, true);
        Layer layer = bn.build(Shape.of(2, 1, 2), TestBackends.java()).get(0);
        float[] params = {2, 1, 0.5f, -1}; // gamma {2, 1}, beta {0.5, -1}
        float[] state = {10, 20, 4, 9}; // running mean {10, 20}, variance {4, 9}
        layer.bind(params, new float[4], 0);
        layer.bindState(state, 0);

        float[] y = layer.forward(X, 2, new ForwardContext(true, 0L, 0L, false));
        double sd0 = Math.sqrt(5 + 1e-3); // biased variance of {1, 3, 5, 7}
        assertEquals(2 * (1 - 4) / sd0 + 0.5, y[0], 1e-5);
        assertEquals(2 * (7 - 4) / sd0 + 0.5, y[5], 1e-5);
        assertEquals(1 * (2 - 3) / Math.sqrt(1 + 1e-3) - 1, y[2], 1e-5);
        assertArrayEquals(new float[] {10, 20, 4, 9}, state, "updateState=false leaves the state alone");

        y = layer.forward(X, 2, ForwardContext.INFERENCE);
        assertEquals(2 * (1 - 10) / Math.sqrt(4 + 1e-3) + 0.5, y[0], 1e-5);
        assertEquals(1 * (4 - 20) / Math.sqrt(9 + 1e-3) - 1, y[6], 1e-5);
        assertArrayEquals(new float[] {10, 20, 4, 9}, state, "inference never updates the state");
    }

    @Test
    void networksCanShareOneStateArray() {
        Network a = Network.create(SPEC, TestBackends.java(), 1);
        Network b = Network.withParams(SPEC, TestBackends.java(), a.params(), a.state());
        a.forwardBackward(X, 2, new float[] {0, 1}, null, new MeanSquaredError(), 0.5f, 7L);
        assertArrayEquals(a.predict(X, 2).clone(), b.predict(X, 2));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Network.withParams(SPEC, TestBackends.java(), a.params(), new float[3]));
        assertTrue(
                e.getMessage()
                        .contains("The network has 4 state values (running statistics) but the state array has 3"),
                e.getMessage());
    }

    @Test
    void configIsValidated() {
        InvalidNetworkException e =
                assertThrows(InvalidNetworkException.class, () -> new BatchNormalization(1f, 1e-3f, true, true));
        assertTrue(e.getMessage().contains("momentum must be in [0, 1), got 1.0"), e.getMessage());
        e = assertThrows(InvalidNetworkException.class, () -> new BatchNormalization(0.9f, 0f, true, true));
        assertTrue(e.getMessage().contains("epsilon must be a finite value > 0, got 0.0"), e.getMessage());
    }
}
