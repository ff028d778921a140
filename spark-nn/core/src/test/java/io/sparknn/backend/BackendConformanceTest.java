package io.sparknn.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testing.OnEveryBackend;
import io.sparknn.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every backend against a double-precision reference, and the backends against each other on
 * a whole network. Tolerances: a float32 dot product of length k has relative error about
 * k * 2^-24 in the worst case; with k <= 300 that is 2e-5, so rtol 1e-4 with atol 1e-5.
 */
class BackendConformanceTest {
    @OnEveryBackend
    void sgemmMatchesReferenceForAllTranspositionsOffsetsAndStrides(Backend backend) {
        SplittableRandom rng = new SplittableRandom(1);
        int[][] sizes = {
            {1, 1, 1}, {3, 5, 7}, {17, 33, 9}, {64, 10, 300}, {130, 70, 40}, {5, 0, 3}, {0, 4, 4}, {4, 4, 0}
        };
        float[][] alphaBeta = {{1f, 0f}, {1f, 1f}, {0.5f, -2f}, {0f, 0.5f}};
        for (int[] s : sizes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (float[] ab : alphaBeta) {
                        checkGemm(backend, rng, ta, tb, s[0], s[1], s[2], ab[0], ab[1]);
                    }
                }
            }
        }
    }

    private static void checkGemm(
            Backend backend,
            SplittableRandom rng,
            boolean ta,
            boolean tb,
            int m,
            int n,
            int k,
            float alpha,
            float beta) {
        int aRows = ta ? k : m, aCols = ta ? m : k;
        int bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + 3, ldb = bCols + 1, ldc = n + 2;
        int aOff = 5, bOff = 2, cOff = 7;
        float[] a = random(rng, aOff + aRows * lda + 4);
        float[] b = random(rng, bOff + bRows * ldb + 4);
        float[] c = random(rng, cOff + m * ldc + 4);
        if (beta == 0f && m > 0 && n > 0) {
            c[cOff] = Float.NaN; // beta == 0 must ignore C, even NaN
        }
        float[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += av * bv;
                }
                double old = beta == 0f ? 0 : c[cOff + i * ldc + j];
                expected[cOff + i * ldc + j] = (float) (alpha * sum + beta * old);
            }
        }
        backend.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int i = 0; i < c.length; i++) {
            double tol = 1e-5 + 1e-4 * Math.abs(expected[i]);
            if (!(Math.abs(c[i] - expected[i]) <= tol)) {
                throw new AssertionError(String.format(
                        "%s sgemm ta=%s tb=%s m=%d n=%d k=%d alpha=%s beta=%s: "
                                + "c[%d] = %s, expected %s (elements outside C must be untouched)",
                        backend.name(), ta, tb, m, n, k, alpha, beta, i, c[i], expected[i]));
            }
        }
    }

    @OnEveryBackend
    void sgemmRejectsOutOfBoundsArguments(Backend backend) {
        float[] a = new float[6];
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> backend.sgemm(false, false, 2, 3, 3, 1f, a, 0, 3, new float[9], 0, 3, 0f, new float[5], 0, 3));
        assertTrue(
                e.getMessage().contains("C (2 x 3, ld 3) at offset 0 needs 6 floats but the array has 5"),
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> backend.sgemm(false, false, 2, 3, 3, 1f, a, 0, 2, new float[9], 0, 3, 0f, new float[6], 0, 3));
        assertTrue(e.getMessage().contains("leading dimension of A is 2"), e.getMessage());
    }

    @OnEveryBackend
    void expAndTanhMatchJavaMath(Backend backend) {
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = new float[1003];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-20, 20);
        }
        float[] y = new float[x.length + 3];
        backend.exp(x.length - 2, x, 2, y, 3);
        for (int i = 2; i < x.length; i++) {
            double e = Math.exp(x[i]);
            assertEquals(e, y[i + 1], 4e-7 * e, backend.name() + " exp(" + x[i] + ")");
        }
        backend.tanh(x.length, x, 0, y, 0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.tanh(x[i]), y[i], 4e-7, backend.name() + " tanh(" + x[i] + ")");
        }
        float[] inPlace = x.clone();
        backend.exp(inPlace.length, inPlace, 0, inPlace, 0);
        assertEquals(Math.exp(x[7]), inPlace[7], 4e-7 * Math.exp(x[7]));
    }

    @Test
    void mklAndJavaAgreeOnAWholeTrainingStep() {
        NetworkSpec spec = NetworkSpec.builder(784)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
        Network j = Network.create(spec, TestBackends.java(), 9);
        Network m = Network.create(spec, TestBackends.mkl(), 9);
        SplittableRandom rng = new SplittableRandom(3);
        int batch = 64;
        float[] x = random(rng, batch * 784);
        float[] labels = new float[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(10);
        }
        double lj = j.forwardBackward(x, batch, labels, null, new SoftmaxCrossEntropy(), 1f / batch, 0);
        double lm = m.forwardBackward(x, batch, labels, null, new SoftmaxCrossEntropy(), 1f / batch, 0);
        assertEquals(lj, lm, 1e-4 * Math.abs(lj));
        float[] gj = j.grads();
        float[] gm = m.grads();
        double maxAbs = 0;
        for (float g : gj) {
            maxAbs = Math.max(maxAbs, Math.abs(g));
        }
        for (int i = 0; i < gj.length; i++) {
            // Gradients are sums over the batch of products of activations: compare against the
            // largest gradient, since sums of mixed signs lose relative precision.
            assertEquals(gj[i], gm[i], 1e-4 * maxAbs, "gradient " + i);
        }
        float[] pj = j.predict(x, batch).clone();
        float[] pm = m.predict(x, batch);
        for (int i = 0; i < batch * 10; i++) {
            assertEquals(pj[i], pm[i], 1e-5, "probability " + i);
        }
    }

    @Test
    void backendSelection() {
        BackendException e = assertThrows(BackendException.class, () -> Backends.create("cuda", 1));
        assertTrue(
                e.getMessage().contains("Unknown backend 'cuda'")
                        && e.getMessage().contains("mkl, java, auto"),
                e.getMessage());
        assertThrows(BackendException.class, () -> Backends.create("java", 0));
        try (Backend b = Backends.create("auto", 1)) {
            assertEquals("mkl", b.name(), "auto must pick MKL where it is bundled");
            assertTrue(b.version().contains("Intel"), b.version());
        }
    }

    @Test
    void closedBackendsRefuseWork() {
        Backend b = Backends.create("mkl", 1);
        b.close();
        b.close(); // idempotent
        assertThrows(BackendException.class, () -> b.exp(1, new float[1], 0, new float[1], 0));
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        return v;
    }
}
