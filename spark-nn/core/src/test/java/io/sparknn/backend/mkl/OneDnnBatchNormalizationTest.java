package io.sparknn.backend.mkl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * oneDNN's training-mode batch normalization (used by {@code bench bn}) against the engine's
 * BatchNormalization layer on the java backend, itself checked against finite differences: y,
 * dx, dgamma and dbeta. Both reduce batch * H * W values per channel in different orders and
 * precisions; with values below 2 that is rounding at the 1e-6 level, hence atol 1e-4 on y
 * and dx, and on dgamma and dbeta, which are sums of batch * H * W terms, 1e-4 per term.
 */
class OneDnnBatchNormalizationTest {
    private static final float ATOL = 1e-4f;

    @Test
    void matchesTheJavaLayerInTraining() {
        check(4, 3, 5, 6);
        check(2, 8, 7, 7);
    }

    @Test
    void closedBatchNormalizationRefusesWork() {
        OneDnnBatchNormalization bn = new OneDnnBatchNormalization(2, 1, 2, 2, 1e-3f);
        bn.close();
        bn.close(); // idempotent
        float[] a = new float[8];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bn.forward(a, 0, a, 0, a, 1, a, 0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private static void check(int batch, int channels, int h, int w) {
        Shape shape = Shape.of(channels, h, w);
        BatchNormalization spec = new BatchNormalization();
        Layer layer = spec.build(shape, TestBackends.java()).get(0);
        SplittableRandom rng = new SplittableRandom(channels * 17L + h);
        float[] params = new float[2 * channels]; // gamma, then beta
        for (int c = 0; c < channels; c++) {
            params[c] = (float) rng.nextDouble(0.5, 1.5);
            params[channels + c] = (float) rng.nextDouble(-0.5, 0.5);
        }
        float[] grads = new float[2 * channels];
        float[] state = new float[2 * channels];
        layer.bind(params, grads, 0);
        layer.bindState(state, 0);
        layer.initializeState();
        float[] x = new float[batch * shape.size()];
        float[] dy = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-1, 2);
            dy[i] = (float) rng.nextDouble(-1, 1);
        }
        float[] yJava = layer.forward(x, batch, new ForwardContext(true, 0L)).clone();
        float[] dxJava = layer.backward(dy, batch, true).clone();
        float[] y = new float[x.length];
        float[] dx = new float[x.length];
        float[] dParams = new float[2 * channels];
        try (OneDnnBatchNormalization bn = new OneDnnBatchNormalization(batch, channels, h, w, spec.epsilon())) {
            bn.forward(x, 0, params, 0, params, channels, y, 0);
            bn.backward(dy, 0, dx, 0, dParams, 0, dParams, channels);
        }
        String what = batch + "x" + shape;
        for (int i = 0; i < x.length; i++) {
            assertEquals(yJava[i], y[i], ATOL, what + ": y[" + i + "]");
            assertEquals(dxJava[i], dx[i], ATOL, what + ": dx[" + i + "]");
        }
        for (int j = 0; j < dParams.length; j++) {
            assertEquals(
                    grads[j],
                    dParams[j],
                    ATOL * batch * h * w,
                    what + ": " + (j < channels ? "dgamma" : "dbeta") + "[" + j % channels + "]");
        }
    }
}
