package io.sparknn.nn.layer;

import java.util.Arrays;

/**
 * Runtime of {@link io.sparknn.nn.AveragePooling2D}: border windows average only their elements
 * inside the input, or, counting padding, divide by the whole window (every window lies inside
 * the padded input, so that is {@code kh * kw}).
 */
public final class AveragePooling2DLayer extends ParameterFreeLayer {
    private final ConvGeometry g;
    private final int inSize;
    private final int outSize;
    private final boolean countPadding;
    private float[] output;
    private float[] gradInput;

    public AveragePooling2DLayer(ConvGeometry g) {
        this(g, false);
    }

    public AveragePooling2DLayer(ConvGeometry g, boolean countPadding) {
        super(g.inputShape(), g.pooledShape());
        this.countPadding = countPadding;
        this.g = g;
        this.inSize = g.inputSize();
        this.outSize = g.channels() * g.outputPositions();
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        output = Buffers.ensure(output, batch * outSize);
        sweep(x, output, batch, true);
        return output;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, batch * inSize);
        Arrays.fill(gradInput, 0, batch * inSize, 0f);
        sweep(gradInput, dy, batch, false);
        return gradInput;
    }

    /** Forward: out[o] = mean of image window o. Backward: image window o += out[o] / count. */
    private void sweep(float[] image, float[] out, int batch, boolean forward) {
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
                    float inv = 1f / (countPadding ? g.kh() * g.kw() : (y1 - y0) * (x1 - x0));
                    if (forward) {
                        float sum = 0f;
                        for (int iy = y0; iy < y1; iy++) {
                            int row = base + iy * inW;
                            for (int ix = x0; ix < x1; ix++) {
                                sum += image[row + ix];
                            }
                        }
                        out[o] = sum * inv;
                    } else {
                        float d = out[o] * inv;
                        for (int iy = y0; iy < y1; iy++) {
                            int row = base + iy * inW;
                            for (int ix = x0; ix < x1; ix++) {
                                image[row + ix] += d;
                            }
                        }
                    }
                }
            }
        }
    }
}
