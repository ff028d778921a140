package io.sparknn.keras;

/**
 * The layout conversions between Keras (channels last: images {@code [H, W, C]}, conv kernels
 * {@code [kh, kw, in, out]}) and the engine (channels first: {@code [C, H, W]}, kernels
 * {@code [out, in, kh, kw]}).
 */
final class ChannelsLast {
    private ChannelsLast() {}

    /** A Keras conv kernel {@code [kh, kw, in, out]} as the engine's {@code [out, in, kh, kw]}. */
    static float[] convKernel(float[] hwio, int kh, int kw, int in, int out) {
        float[] oihw = new float[hwio.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * kh + y) * kw + x] = hwio[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return oihw;
    }

    /**
     * Where the engine's flattened {@code [C, H, W]} puts Keras' flattened {@code [H, W, C]}: entry
     * {@code e} of the engine's vector is entry {@code perm[e]} of Keras'.
     */
    static int[] flattenOrder(int c, int h, int w) {
        int[] perm = new int[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    perm[(ch * h + y) * w + x] = (y * w + x) * c + ch;
                }
            }
        }
        return perm;
    }

    /** The rows of a row-major {@code [perm.length, cols]} matrix in the engine's order. */
    static float[] permuteRows(float[] m, int cols, int[] perm) {
        float[] out = new float[m.length];
        for (int e = 0; e < perm.length; e++) {
            System.arraycopy(m, perm[e] * cols, out, e * cols, cols);
        }
        return out;
    }
}
