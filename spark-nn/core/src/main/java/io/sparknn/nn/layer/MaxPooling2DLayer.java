package io.sparknn.nn.layer;

import java.util.Arrays;

/**
 * Runtime of {@link io.sparknn.nn.MaxPooling2D}: remembers the winning input of each window for backward.
 *
 * <p>Which element wins is data-dependent and close to random after a ReLU, so a compare-and-
 * branch loop mispredicts on most elements and costs several times the arithmetic. Both paths
 * therefore select without branching: the common 2x2 stride-2 window as a tournament whose
 * winners come from sign bits, other windows with conditional selects.
 */
public final class MaxPooling2DLayer extends ParameterFreeLayer {
    private final ConvGeometry g;
    private final int inSize;
    private final int outSize;
    private final boolean pairs;
    private float[] output;
    private int[] winner;
    private float[] gradInput;

    public MaxPooling2DLayer(ConvGeometry g) {
        super(g.inputShape(), g.pooledShape());
        this.g = g;
        this.inSize = g.inputSize();
        this.outSize = g.channels() * g.outputPositions();
        // 2x2 windows, stride 2, all inside the input (valid, or same on even sizes).
        this.pairs = g.kh() == 2
                && g.kw() == 2
                && g.strideH() == 2
                && g.strideW() == 2
                && g.padTop() == 0
                && g.padLeft() == 0
                && 2 * g.outH() <= g.inH()
                && 2 * g.outW() <= g.inW();
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        int n = batch * outSize;
        output = Buffers.ensure(output, n);
        if (winner == null || winner.length < n) {
            winner = new int[n];
        }
        if (pairs) {
            forwardPairs(x, batch * g.channels());
        } else {
            forwardWindows(x, batch * g.channels());
        }
        return output;
    }

    /** 2x2 stride 2: max of (max(a, b), max(c, d)), the first maximal element winning ties. */
    private void forwardPairs(float[] x, int planes) {
        int inW = g.inW();
        int plane = g.inH() * inW;
        int outH = g.outH();
        int outW = g.outW();
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < outH; oy++) {
                int row = p * plane + 2 * oy * inW;
                for (int ox = 0; ox < outW; ox++, o++) {
                    int i = row + 2 * ox;
                    float a = x[i];
                    float b = x[i + 1];
                    float c = x[i + inW];
                    float d = x[i + inW + 1];
                    // The sign bit of a - b is 1 exactly when b > a (a - b is 0 only when a == b).
                    int top = Float.floatToRawIntBits(a - b) >>> 31;
                    int bottom = inW + (Float.floatToRawIntBits(c - d) >>> 31);
                    float m1 = Math.max(a, b);
                    float m2 = Math.max(c, d);
                    int second = Float.floatToRawIntBits(m1 - m2) >>> 31;
                    output[o] = Math.max(m1, m2);
                    winner[o] = i + top + second * (bottom - top);
                }
            }
        }
    }

    /** Any window, stride and padding; padded positions never win. */
    private void forwardWindows(float[] x, int planes) {
        int inH = g.inH();
        int inW = g.inW();
        int plane = inH * inW;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * plane;
            for (int oy = 0; oy < g.outH(); oy++) {
                int iy0 = oy * g.strideH() - g.padTop();
                int y0 = Math.max(0, iy0);
                int y1 = Math.min(inH, iy0 + g.kh());
                for (int ox = 0; ox < g.outW(); ox++, o++) {
                    int ix0 = ox * g.strideW() - g.padLeft();
                    int x0 = Math.max(0, ix0);
                    int x1 = Math.min(inW, ix0 + g.kw());
                    int best = base + y0 * inW + x0;
                    float max = x[best];
                    for (int iy = y0; iy < y1; iy++) {
                        int row = base + iy * inW;
                        for (int ix = x0; ix < x1; ix++) {
                            float v = x[row + ix];
                            boolean greater = v > max;
                            max = greater ? v : max;
                            best = greater ? row + ix : best;
                        }
                    }
                    output[o] = max;
                    winner[o] = best;
                }
            }
        }
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, batch * inSize);
        Arrays.fill(gradInput, 0, batch * inSize, 0f);
        int n = batch * outSize;
        for (int o = 0; o < n; o++) {
            gradInput[winner[o]] += dy[o];
        }
        return gradInput;
    }
}
