package io.sparknn.backend.mkl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.BackendException;
import io.sparknn.nn.Conv2D;
import io.sparknn.nn.layer.ForwardContext;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * oneDNN's convolution against the engine's Conv2D layer on the java backend (itself checked
 * against finite differences in ImageLayerGradientTest): output, input gradient, kernel and
 * bias gradients. Tolerance: both sum at most C*kh*kw*batch*P ~ 4e3 float products per value in
 * different orders, so relative differences up to ~1e-5 are rounding; rtol 1e-4, atol 1e-5.
 */
class OneDnnConvolutionTest {
    @Test
    void matchesTheJavaBackendForValidSameAndStridedGeometries() {
        // {batch, channels, h, w, filters, kernel, stride, same?}
        int[][] cases = {
            {3, 1, 9, 9, 4, 3, 1, 0}, {2, 3, 8, 7, 5, 3, 1, 1}, {2, 2, 8, 8, 3, 3, 2, 1}, {1, 4, 6, 6, 2, 2, 2, 0}
        };
        for (int[] c : cases) {
            check(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7] == 1 ? Padding.SAME : Padding.VALID);
        }
    }

    @Test
    void matchesTheJavaBackendForExplicitAndAsymmetricPads() {
        // PyTorch padding=1 with stride 2 on an even input: one row on top, unlike TensorFlow's same.
        check(2, 2, 8, 8, 3, 3, 2, Padding.explicit(1));
        check(2, 2, 7, 6, 3, 3, 1, Padding.explicit(0, 2, 1, 0));
        check(1, 3, 5, 5, 2, 1, 1, Padding.explicit(1, 1, 2, 2)); // pads beyond a 1x1 kernel
    }

    @Test
    void closedConvolutionRefusesWork() {
        OneDnnConvolution conv = new OneDnnConvolution(1, 1, 4, 4, 1, 3, 3, 1, 1, new int[] {0, 0, 0, 0});
        conv.close();
        conv.close(); // idempotent
        float[] a = new float[64];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> conv.forward(a, 0, a, 0, a, 9, a, 0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void mklBackendRunsConvolutionsOnOneDnnWhenItsOpenMpTeamFits() {
        // The core module's surefire sets OMP_NUM_THREADS=1, so one thread per call fits.
        assertEquals(1, OneDnnConvolution.openMpThreads());
        try (MklBackend mkl = MklBackend.create(1)) {
            assertTrue(mkl.convolution(4, 1, 6, 6, 2, 3, 3, 1, 1, new int[] {0, 0, 0, 0}) instanceof OneDnnConvolution);
            assertNull(
                    mkl.convolution(OneDnnConvolutions.MAX_BATCH + 1, 1, 6, 6, 2, 3, 3, 1, 1, new int[] {0, 0, 0, 0}),
                    "large batches stay on im2col");
            assertTrue(mkl.version().contains("oneDNN"), mkl.version());
        }
    }

    @Test
    void gemmOnOneDnnAgreesWithMklGemm() {
        SplittableRandom rng = new SplittableRandom(4);
        // The seed-000 MLP's products (forward, both backward ones) and a ragged shape, all transpositions.
        int[][] shapes = {{37, 256, 784}, {64, 10, 128}, {784, 256, 64}, {5, 3, 7}};
        try (MklBackend dnn = MklBackend.create(1)) {
            assertTrue(dnn.oneDnnGemm(), dnn.version());
            assertTrue(dnn.version().contains("(GEMM, convolutions)"), dnn.version());
            System.setProperty(OneDnnConvolutions.PROPERTY, "false");
            try (MklBackend mkl = MklBackend.create(1)) {
                assertFalse(mkl.oneDnnGemm());
                for (int[] s : shapes) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    for (int t = 0; t < 4; t++) {
                        boolean ta = (t & 1) != 0;
                        boolean tb = (t & 2) != 0;
                        float[] a = random(rng, m * k);
                        float[] b = random(rng, k * n);
                        float[] c0 = random(rng, m * n);
                        float[] c1 = c0.clone();
                        dnn.sgemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.25f, c0, 0, n);
                        mkl.sgemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.25f, c1, 0, n);
                        for (int i = 0; i < c0.length; i++) {
                            // Sums of k products of values in [-1, 1): only the summation order differs.
                            assertEquals(c1[i], c0[i], 2e-6 * k, m + "x" + n + "x" + k + " t=" + t + " at " + i);
                        }
                    }
                }
            }
        } finally {
            System.clearProperty(OneDnnConvolutions.PROPERTY);
        }
    }

    @Test
    void propertyFalseKeepsIm2colAndOtherValuesAreRejected() {
        try {
            System.setProperty(OneDnnConvolutions.PROPERTY, "false");
            try (MklBackend mkl = MklBackend.create(1)) {
                assertNull(mkl.convolution(4, 1, 6, 6, 2, 3, 3, 1, 1, new int[] {0, 0, 0, 0}));
                assertFalse(mkl.version().contains("oneDNN"), mkl.version());
            }
            System.setProperty(OneDnnConvolutions.PROPERTY, "maybe");
            BackendException e = assertThrows(BackendException.class, () -> MklBackend.create(1));
            assertTrue(e.getMessage().contains("sparknn.onednn=maybe"), e.getMessage());
        } finally {
            System.clearProperty(OneDnnConvolutions.PROPERTY);
        }
    }

    @Test
    void reportsTheVersion() {
        assertTrue(OneDnnConvolution.version().startsWith("oneDNN 3."), OneDnnConvolution.version());
    }

    private static void check(int batch, int channels, int h, int w, int filters, int k, int stride, Padding padding) {
        String name = batch + "x" + channels + "x" + h + "x" + w + " * " + filters + "x" + k + "x" + k + " /" + stride
                + " " + padding;
        Layer layer = Conv2D.builder(filters, k)
                .strides(stride)
                .padding(padding)
                .build()
                .build(Shape.of(channels, h, w), TestBackends.java())
                .get(0);
        SplittableRandom rng = new SplittableRandom(7);
        float[] params = random(rng, layer.paramCount());
        float[] grads = new float[params.length];
        layer.bind(params, grads, 0);
        float[] x = random(rng, batch * channels * h * w);
        float[] expectedY =
                layer.forward(x, batch, new ForwardContext(true, 0L)).clone();
        float[] dy = random(rng, expectedY.length);
        float[] expectedDx = layer.backward(dy, batch, true).clone();

        int outH = padding.outputSize(Padding.HEIGHT, h, k, stride);
        int outW = padding.outputSize(Padding.WIDTH, w, k, stride);
        int top = padding.padBefore(Padding.HEIGHT, h, k, stride);
        int left = padding.padBefore(Padding.WIDTH, w, k, stride);
        int[] pad = {
            top, left, Math.max(0, (outH - 1) * stride + k - h - top), Math.max(0, (outW - 1) * stride + k - w - left)
        };
        int kernel = filters * channels * k * k;
        float[] y = new float[expectedY.length];
        float[] dx = new float[x.length];
        float[] dw = new float[params.length];
        try (OneDnnConvolution conv =
                new OneDnnConvolution(batch, channels, h, w, filters, k, k, stride, stride, pad)) {
            conv.forward(x, 0, params, 0, params, kernel, y, 0);
            conv.backward(dy, 0, dx, 0, dw, 0, dw, kernel);
        }
        assertClose(name + " output", expectedY, y);
        assertClose(name + " input gradient", expectedDx, dx);
        assertClose(name + " kernel and bias gradient", grads, dw);
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-5 + 1e-4 * Math.abs(expected[i]);
            if (Math.abs(expected[i] - actual[i]) > tol) {
                throw new AssertionError(what + " differs at " + i + ": java " + expected[i] + ", oneDNN " + actual[i]);
            }
        }
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextDouble(-1, 1);
        }
        return a;
    }
}
