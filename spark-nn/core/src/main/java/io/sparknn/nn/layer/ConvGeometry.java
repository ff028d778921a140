package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;

/**
 * Where a 2-D window (convolution kernel or pooling window) lands on a {@code [C, H, W]}
 * sample: the input size, the window and stride, the padding before the first row and column,
 * and the output size. Output position {@code (oy, ox)} covers input rows
 * {@code oy * strideH - padTop + [0, kh)} and columns {@code ox * strideW - padLeft + [0, kw)}.
 */
public record ConvGeometry(
        int channels,
        int inH,
        int inW,
        int kh,
        int kw,
        int strideH,
        int strideW,
        int padTop,
        int padLeft,
        int outH,
        int outW) {

    /**
     * The geometry of {@code layer} (e.g. {@code "Conv2D 32 3x3"}) at network position
     * {@code index} on {@code input}, or an error naming the layer, the shapes and the fix.
     */
    public static ConvGeometry of(
            Shape input, int index, String layer, int kh, int kw, int strideH, int strideW, Padding padding) {
        Shape image = requireImage(input, index, layer);
        int c = image.dim(0);
        int h = image.dim(1);
        int w = image.dim(2);
        int outH = padding.outputSize(Padding.HEIGHT, h, kh, strideH);
        int outW = padding.outputSize(Padding.WIDTH, w, kw, strideW);
        if (outH == 0 || outW == 0) {
            throw new InvalidNetworkException(InvalidNetworkException.layer(index, layer) + " has a " + kh + "x" + kw
                    + " window with padding '" + padding + "' but its input " + input + " is only " + h + "x" + w
                    + ". Use padding 'same', a smaller window, or fewer down-sampling layers before it.");
        }
        return new ConvGeometry(
                c,
                h,
                w,
                kh,
                kw,
                strideH,
                strideW,
                padding.padBefore(Padding.HEIGHT, h, kh, strideH),
                padding.padBefore(Padding.WIDTH, w, kw, strideW),
                outH,
                outW);
    }

    /** {@code input} if it is an image {@code [C, H, W]}, else an error naming the layer and the fix. */
    public static Shape requireImage(Shape input, int index, String layer) {
        if (input.rank() != 3) {
            throw new InvalidNetworkException(InvalidNetworkException.layer(index, layer) + " needs an image input "
                    + "[channels, height, width] but receives " + input + ". Give the network an input shape "
                    + "like [1, 28, 28], or add a Reshape layer before it.");
        }
        return input;
    }

    Shape inputShape() {
        return Shape.of(channels, inH, inW);
    }

    int inputSize() {
        return channels * inH * inW;
    }

    /** The output of a pooling over this geometry: {@code [C, outH, outW]}. */
    public Shape pooledShape() {
        return Shape.of(channels, outH, outW);
    }

    /** Output positions per channel: {@code outH * outW}. */
    public int outputPositions() {
        return outH * outW;
    }

    /** First output column whose window column {@code kj} falls inside the input. */
    int firstOx(int kj) {
        return firstInside(padLeft - kj, strideW, outW);
    }

    /** One past the last output column whose window column {@code kj} falls inside the input. */
    int endOx(int kj) {
        return endInside(inW - 1 + padLeft - kj, strideW, outW);
    }

    /** First output row whose window row {@code ki} falls inside the input. */
    int firstOy(int ki) {
        return firstInside(padTop - ki, strideH, outH);
    }

    /** One past the last output row whose window row {@code ki} falls inside the input. */
    int endOy(int ki) {
        return endInside(inH - 1 + padTop - ki, strideH, outH);
    }

    /** Smallest o >= 0 with o * s >= lo, at most n. */
    private static int firstInside(int lo, int s, int n) {
        return lo <= 0 ? 0 : Math.min(n, (lo + s - 1) / s);
    }

    /** One past the largest o < n with o * s <= hi, at least 0. */
    private static int endInside(int hi, int s, int n) {
        return hi < 0 ? 0 : Math.min(n, hi / s + 1);
    }
}
