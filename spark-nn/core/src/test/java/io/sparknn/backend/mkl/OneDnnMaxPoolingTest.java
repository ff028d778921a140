package io.sparknn.backend.mkl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.nn.MaxPooling2D;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * oneDNN's max pooling (used by {@code bench pool}) against the engine's MaxPooling2D layer on
 * the java backend, itself checked against finite differences. Max pooling only selects and
 * routes values, so on inputs without ties the outputs agree exactly; where overlapping windows
 * (3x3 stride 2) pick the same input, its gradient sums up to four dy values in a different
 * order, so dx gets atol 1e-6 (a few ulp of values below 4).
 */
class OneDnnMaxPoolingTest {
    @Test
    void matchesTheJavaLayerOnPairsAndGeneralWindows() {
        // {batch, channels, h, w, pool, stride, same?}: 2x2/2 on even and odd sizes, 3x3/2 valid and same.
        int[][] cases = {{3, 2, 8, 8, 2, 2, 0}, {2, 3, 11, 11, 2, 2, 0}, {2, 2, 9, 7, 3, 2, 0}, {1, 2, 7, 7, 3, 2, 1}};
        for (int[] c : cases) {
            check(c[0], c[1], c[2], c[3], c[4], c[5], c[6] == 1 ? Padding.SAME : Padding.VALID);
        }
    }

    @Test
    void closedPoolingRefusesWork() {
        OneDnnMaxPooling pool = new OneDnnMaxPooling(1, 1, 4, 4, 2, 2, 2, 2, new int[] {0, 0, 0, 0});
        pool.close();
        pool.close(); // idempotent
        float[] a = new float[16];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forward(a, 0, a, 0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    private static void check(int batch, int channels, int h, int w, int size, int stride, Padding padding) {
        Shape in = Shape.of(channels, h, w);
        MaxPooling2D spec = new MaxPooling2D(size, stride, padding);
        Shape out = spec.outputShape(in, 0);
        Layer layer = spec.build(in, TestBackends.java()).get(0);
        SplittableRandom rng = new SplittableRandom(batch * 31L + h);
        float[] x = new float[batch * (int) in.size()];
        float[] dy = new float[batch * (int) out.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (float) rng.nextDouble(-1, 1);
        }
        float[] yJava = layer.forward(x, batch, new ForwardContext(true, 0L)).clone();
        float[] dxJava = layer.backward(dy, batch, true).clone();
        // Same padding splits the total like Keras: the extra row/column goes bottom/right.
        int padH = Math.max(0, (out.dim(1) - 1) * stride + size - h);
        int padW = Math.max(0, (out.dim(2) - 1) * stride + size - w);
        int[] pad = {padH / 2, padW / 2, padH - padH / 2, padW - padW / 2};
        float[] y = new float[dy.length];
        float[] dx = new float[x.length];
        try (OneDnnMaxPooling pool = new OneDnnMaxPooling(batch, channels, h, w, size, size, stride, stride, pad)) {
            pool.forward(x, 0, y, 0);
            pool.backward(dy, 0, dx, 0);
        }
        String what = batch + "x" + in + " pool " + size + " stride " + stride + " " + padding;
        for (int i = 0; i < y.length; i++) {
            assertEquals(yJava[i], y[i], 0f, what + ": y[" + i + "]");
        }
        for (int i = 0; i < dx.length; i++) {
            assertEquals(dxJava[i], dx[i], 1e-6f, what + ": dx[" + i + "]");
        }
    }
}
