package io.sparknn.nn.layer;

import java.util.Arrays;

/**
 * Unfolds a run of {@code n} samples {@code [C, H, W]} into the column matrix of a convolution
 * and folds gradients back. The matrix has one row per kernel tap {@code (c, ki, kj)} (the
 * kernel's own layout) and one column per output position of every sample, sample-major:
 * {@code col[(c * kh + ki) * kw + kj][b * P + oy * outW + ox] = x[b][c][oy * sh - padTop + ki][ox * sw - padLeft + kj]}
 * (zero in the padding), {@code P = outH * outW}. Then one GEMM {@code W[F, C*kh*kw] x col}
 * computes the convolution of all {@code n} samples.
 *
 * <p>The valid output range of each tap is precomputed, so the inner loops are bounds-check
 * free runs: a plain copy for stride 1.
 */
final class Im2Col {
    private final ConvGeometry g;
    private final int[] oxFirst;
    private final int[] oxEnd;
    private final int[] oyFirst;
    private final int[] oyEnd;

    Im2Col(ConvGeometry g) {
        this.g = g;
        oxFirst = new int[g.kw()];
        oxEnd = new int[g.kw()];
        for (int kj = 0; kj < g.kw(); kj++) {
            oxFirst[kj] = g.firstOx(kj);
            oxEnd[kj] = Math.max(oxFirst[kj], g.endOx(kj));
        }
        oyFirst = new int[g.kh()];
        oyEnd = new int[g.kh()];
        for (int ki = 0; ki < g.kh(); ki++) {
            oyFirst[ki] = g.firstOy(ki);
            oyEnd[ki] = Math.max(oyFirst[ki], g.endOy(ki));
        }
    }

    /** Rows of the column matrix: {@code C * kh * kw}. */
    int rows() {
        return g.channels() * g.kh() * g.kw();
    }

    /** Writes the {@code rows() x n*P} column matrix of samples {@code [b0, b0 + n)} of x into col at colOff. */
    void expand(float[] x, int b0, int n, float[] col, int colOff) {
        int p = g.outputPositions();
        int ld = n * p;
        int inW = g.inW();
        int outW = g.outW();
        int sh = g.strideH();
        int sw = g.strideW();
        int plane = g.inH() * inW;
        int sample = g.inputSize();
        for (int c = 0; c < g.channels(); c++) {
            for (int ki = 0; ki < g.kh(); ki++) {
                int y0 = oyFirst[ki];
                int y1 = oyEnd[ki];
                for (int kj = 0; kj < g.kw(); kj++) {
                    int row = colOff + ((c * g.kh() + ki) * g.kw() + kj) * ld;
                    int x0 = oxFirst[kj];
                    int x1 = oxEnd[kj];
                    int shift = kj - g.padLeft();
                    for (int b = 0; b < n; b++) {
                        int dst = row + b * p;
                        int src = (b0 + b) * sample + c * plane;
                        if (y0 > 0) {
                            Arrays.fill(col, dst, dst + y0 * outW, 0f);
                        }
                        for (int oy = y0; oy < y1; oy++) {
                            int d = dst + oy * outW;
                            int s = src + (oy * sh - g.padTop() + ki) * inW + shift;
                            if (x0 > 0) {
                                Arrays.fill(col, d, d + x0, 0f);
                            }
                            if (sw == 1) {
                                System.arraycopy(x, s + x0, col, d + x0, x1 - x0);
                            } else {
                                for (int ox = x0; ox < x1; ox++) {
                                    col[d + ox] = x[s + ox * sw];
                                }
                            }
                            if (x1 < outW) {
                                Arrays.fill(col, d + x1, d + outW, 0f);
                            }
                        }
                        if (y1 < g.outH()) {
                            Arrays.fill(col, dst + y1 * outW, dst + p, 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #expand}: adds every entry of the column matrix at colOff of samples
     * {@code [b0, b0 + n)} to the input element it was copied from. dx must be zeroed first.
     */
    void accumulate(float[] col, int colOff, int b0, int n, float[] dx) {
        int p = g.outputPositions();
        int ld = n * p;
        int inW = g.inW();
        int outW = g.outW();
        int sh = g.strideH();
        int sw = g.strideW();
        int plane = g.inH() * inW;
        int sample = g.inputSize();
        for (int c = 0; c < g.channels(); c++) {
            for (int ki = 0; ki < g.kh(); ki++) {
                int y0 = oyFirst[ki];
                int y1 = oyEnd[ki];
                for (int kj = 0; kj < g.kw(); kj++) {
                    int row = colOff + ((c * g.kh() + ki) * g.kw() + kj) * ld;
                    int x0 = oxFirst[kj];
                    int x1 = oxEnd[kj];
                    int shift = kj - g.padLeft();
                    for (int b = 0; b < n; b++) {
                        int src = row + b * p;
                        int dst = (b0 + b) * sample + c * plane;
                        for (int oy = y0; oy < y1; oy++) {
                            int s = src + oy * outW;
                            int d = dst + (oy * sh - g.padTop() + ki) * inW + shift;
                            if (sw == 1) {
                                for (int ox = x0; ox < x1; ox++) {
                                    dx[d + ox] += col[s + ox];
                                }
                            } else {
                                for (int ox = x0; ox < x1; ox++) {
                                    dx[d + ox * sw] += col[s + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
