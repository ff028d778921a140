package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import io.sparknn.testing.OnEveryBackend;
import java.util.SplittableRandom;

/**
 * Output values of the image layers against hand-computed examples and a direct
 * nested-loop convolution, pinning Keras' semantics: cross-correlation, kernel layout
 * {@code [filters, inChannels, kh, kw]}, and "same" padding with the odd row/column at the
 * bottom/right. (The gradient checks cannot see these: a consistently wrong layer passes them.)
 */
class ImageLayerForwardTest {

    private static float[] predict(
            LayerSpec layer, Shape input, float[] params, float[] x, int batch, Backend backend) {
        NetworkSpec spec = NetworkSpec.builder(input).add(layer).build();
        return Network.withParams(spec, backend, params).predict(x, batch);
    }

    @OnEveryBackend
    void samePaddingGoesBottomRight(Backend backend) {
        float[] x = {1, 2, 3, 4};
        float[] ones = {1, 1, 1, 1, 0};
        Conv2D same = Conv2D.builder(1, 2).padding(Padding.SAME).build();
        assertArrayEquals(
                new float[] {10, 6, 7, 4},
                java.util.Arrays.copyOf(predict(same, Shape.of(1, 2, 2), ones, x, 1, backend), 4));
        assertArrayEquals(
                new float[] {10.5f},
                java.util.Arrays.copyOf(
                        predict(new Conv2D(1, 2), Shape.of(1, 2, 2), new float[] {1, 1, 1, 1, 0.5f}, x, 1, backend),
                        1));
    }

    @OnEveryBackend
    void poolingSamePaddingIgnoresThePadding(Backend backend) {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Shape in = Shape.of(1, 3, 3);
        assertArrayEquals(
                new float[] {5, 6, 8, 9},
                java.util.Arrays.copyOf(
                        predict(new MaxPooling2D(2, 2, Padding.SAME), in, new float[0], x, 1, backend), 4));
        assertArrayEquals(
                new float[] {3, 4.5f, 7.5f, 9},
                java.util.Arrays.copyOf(
                        predict(new AveragePooling2D(2, 2, Padding.SAME), in, new float[0], x, 1, backend), 4));
        assertArrayEquals(
                new float[] {5},
                java.util.Arrays.copyOf(predict(new MaxPooling2D(2), in, new float[0], x, 1, backend), 1));
        assertArrayEquals(
                new float[] {5},
                java.util.Arrays.copyOf(predict(new GlobalAveragePooling2D(), in, new float[0], x, 1, backend), 1));
    }

    @OnEveryBackend
    void poolingExplicitPadsIgnoreThePadding(Backend backend) {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Shape in = Shape.of(1, 3, 3);
        Padding topLeft = Padding.explicit(1, 0, 1, 0); // windows rows {-1, 0}, {1, 2}; columns alike
        assertArrayEquals(
                new float[] {1, 3, 7, 9},
                java.util.Arrays.copyOf(
                        predict(new MaxPooling2D(2, 2, 2, 2, topLeft), in, new float[0], x, 1, backend), 4));
        assertArrayEquals(
                new float[] {1, 2.5f, 5.5f, 7},
                java.util.Arrays.copyOf(
                        predict(new AveragePooling2D(2, 2, 2, 2, topLeft), in, new float[0], x, 1, backend), 4));
        assertArrayEquals(
                new float[] {0.25f, 1.25f, 2.75f, 7},
                java.util.Arrays.copyOf(
                        predict(new AveragePooling2D(2, 2, 2, 2, topLeft, true), in, new float[0], x, 1, backend), 4),
                "counting padded cells divides every window by 4");
        assertArrayEquals(
                new float[] {9, 9},
                java.util.Arrays.copyOf(
                        predict(new GlobalMaxPooling2D(), Shape.of(2, 3, 3), new float[0], concat(x, x), 1, backend),
                        2));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @OnEveryBackend
    void explicitPadsDifferFromSameOnEvenInputs(Backend backend) {
        Shape in = Shape.of(1, 6, 6);
        Conv2D torch =
                Conv2D.builder(1, 3).strides(2).padding(Padding.explicit(1)).build();
        Conv2D tf = Conv2D.builder(1, 3).strides(2).padding(Padding.SAME).build();
        assertEquals(Shape.of(1, 3, 3), torch.outputShape(in, 0));
        assertEquals(Shape.of(1, 3, 3), tf.outputShape(in, 0));
        assertEquals(1, torch.geometry(in, 0).padTop());
        assertEquals(0, tf.geometry(in, 0).padTop());
    }

    @OnEveryBackend
    void convolutionMatchesDirectLoops(Backend backend) {
        // channels, h, w, filters, kh, kw, stride h, stride w, padding, expected padTop, padLeft
        direct(backend, 3, 6, 6, 4, 3, 3, 2, 2, Padding.SAME, 0, 0);
        direct(backend, 2, 7, 5, 3, 3, 2, 2, 2, Padding.SAME, 1, 0);
        direct(backend, 1, 5, 7, 2, 5, 3, 1, 3, Padding.SAME, 2, 1);
        direct(backend, 2, 9, 7, 3, 3, 3, 2, 1, Padding.VALID, 0, 0);
        direct(backend, 1, 28, 28, 8, 3, 3, 1, 1, Padding.VALID, 0, 0);
        direct(backend, 2, 6, 6, 3, 3, 3, 2, 2, Padding.explicit(1), 1, 1);
        direct(backend, 2, 4, 5, 3, 3, 2, 1, 1, Padding.explicit(0, 2, 1, 0), 0, 1);
        direct(backend, 1, 5, 5, 2, 1, 1, 1, 1, Padding.explicit(1, 1, 2, 2), 1, 2);
    }

    private static void direct(
            Backend backend,
            int c,
            int h,
            int w,
            int f,
            int kh,
            int kw,
            int sh,
            int sw,
            Padding padding,
            int padTop,
            int padLeft) {
        Conv2D conv = Conv2D.builder(f, kh)
                .kernelSize(kh, kw)
                .strides(sh, sw)
                .padding(padding)
                .build();
        Shape out = conv.outputShape(Shape.of(c, h, w), 0);
        int oh = out.dim(1);
        int ow = out.dim(2);
        int batch = 3;
        SplittableRandom rng = new SplittableRandom(c * 1000L + h * 100L + w);
        float[] x = random(rng, batch * c * h * w);
        float[] p = random(rng, (int) conv.paramCount(Shape.of(c, h, w)));
        float[] y = predict(conv, Shape.of(c, h, w), p, x, batch, backend);
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < f; k++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = p[f * c * kh * kw + k];
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = oy * sh - padTop + i;
                                    int ix = ox * sw - padLeft + j;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        s += (double) p[((k * c + ch) * kh + i) * kw + j]
                                                * x[((b * c + ch) * h + iy) * w + ix];
                                    }
                                }
                            }
                        }
                        int at = ((b * f + k) * oh + oy) * ow + ox;
                        assertEquals(s, y[at], 1e-4, conv + " output " + at);
                    }
                }
            }
        }
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        return v;
    }
}
