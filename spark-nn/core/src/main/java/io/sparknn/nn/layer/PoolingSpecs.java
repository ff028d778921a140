package io.sparknn.nn.layer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.tensor.Shape;

/** What the 2-D pooling specs share: validation, naming, output shape and JSON form. */
public final class PoolingSpecs {
    private PoolingSpecs() {}

    public static void validate(String type, int poolHeight, int poolWidth, int strideHeight, int strideWidth) {
        if (poolHeight <= 0 || poolWidth <= 0) {
            throw new InvalidNetworkException(type + " poolSize must be positive, got " + poolHeight + "x" + poolWidth);
        }
        if (strideHeight <= 0 || strideWidth <= 0) {
            throw new InvalidNetworkException(
                    type + " strides must be positive, got " + strideHeight + "x" + strideWidth);
        }
    }

    /** E.g. {@code MaxPooling2D 2x2} or {@code MaxPooling2D 3x3 /2 same}. */
    public static String label(
            String type, int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding) {
        boolean defaultStrides = strideHeight == poolHeight && strideWidth == poolWidth;
        return type + " " + poolHeight + "x" + poolWidth
                + (defaultStrides
                        ? ""
                        : " /"
                                + (strideHeight == strideWidth
                                        ? String.valueOf(strideHeight)
                                        : strideHeight + "x" + strideWidth))
                + (padding == Padding.VALID ? "" : " " + padding.keyword());
    }

    public static Shape outputShape(ConvGeometry g) {
        return Shape.of(g.channels(), g.outH(), g.outW());
    }

    /** Window elements summed over one sample's outputs (padding included), for FLOP counts. */
    public static long windowElements(ConvGeometry g) {
        return (long) g.channels() * g.outputPositions() * g.kh() * g.kw();
    }

    public static void writeConfig(
            ObjectNode node, int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding) {
        node.putArray("poolSize").add(poolHeight).add(poolWidth);
        node.putArray("strides").add(strideHeight).add(strideWidth);
        node.put("padding", padding.keyword());
    }
}
