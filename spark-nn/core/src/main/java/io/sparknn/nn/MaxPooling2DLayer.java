package io.sparknn.nn;

import java.util.Arrays;

/** Runtime of {@link MaxPooling2D}: remembers the winning input of each window for backward. */
final class MaxPooling2DLayer extends ParameterFreeLayer {
    private final ConvGeometry g;
    private final int inSize;
    private final int outSize;
    private float[] output;
    private int[] winner;
    private float[] gradInput;

    MaxPooling2DLayer(ConvGeometry g) {
        super(g.inputShape(), PoolingSpecs.outputShape(g));
        this.g = g;
        this.inSize = g.inputSize();
        this.outSize = g.channels() * g.outputPositions();
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        int n = batch * outSize;
        output = Buffers.ensure(output, n);
        if (winner == null || winner.length < n) {
            winner = new int[n];
        }
        int inH = g.inH();
        int inW = g.inW();
        int plane = inH * inW;
        int o = 0;
        for (int bc = 0; bc < batch * g.channels(); bc++) {
            int base = bc * plane;
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
                            if (v > max) {
                                max = v;
                                best = row + ix;
                            }
                        }
                    }
                    output[o] = max;
                    winner[o] = best;
                }
            }
        }
        return output;
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
