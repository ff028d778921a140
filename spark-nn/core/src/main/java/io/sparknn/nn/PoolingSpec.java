package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.nn.layer.ConvGeometry;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;

/**
 * What the two 2-D pooling specs share: a window, strides and padding over a {@code [C, H, W]}
 * sample, the output shape they give, no parameters, one operation per window element, and the
 * JSON form. The specs add only their name and the layer they build.
 */
public sealed interface PoolingSpec extends LayerSpec permits MaxPooling2D, AveragePooling2D {
    int poolHeight();

    int poolWidth();

    int strideHeight();

    int strideWidth();

    Padding padding();

    /** The window geometry on {@code input}; {@code index} names the layer in shape errors (-1: none). */
    default ConvGeometry geometry(Shape input, int index) {
        return ConvGeometry.of(
                input, index, label(), poolHeight(), poolWidth(), strideHeight(), strideWidth(), padding());
    }

    /** E.g. {@code MaxPooling2D 2x2} or {@code MaxPooling2D 3x3 /2 same}. */
    default String label() {
        boolean defaultStrides = strideHeight() == poolHeight() && strideWidth() == poolWidth();
        String strides =
                strideHeight() == strideWidth() ? String.valueOf(strideHeight()) : strideHeight() + "x" + strideWidth();
        return type() + " " + poolHeight() + "x" + poolWidth()
                + (defaultStrides ? "" : " /" + strides)
                + (padding() == Padding.VALID ? "" : " " + padding());
    }

    @Override
    default Shape outputShape(Shape input, int index) {
        return geometry(input, index).pooledShape();
    }

    @Override
    default long paramCount(Shape input) {
        return 0;
    }

    /** One addition (average) or comparison (max) per window element, padding included. */
    @Override
    default long flopsPerSample(Shape input) {
        ConvGeometry g = geometry(input, -1);
        return (long) g.channels() * g.outputPositions() * g.kh() * g.kw();
    }

    @Override
    default void writeConfig(ObjectNode node) {
        node.putArray("poolSize").add(poolHeight()).add(poolWidth());
        node.putArray("strides").add(strideHeight()).add(strideWidth());
        PaddingJson.write(node, padding());
    }

    /**
     * The checks both specs' constructors run; {@code type} names the layer in the message. An
     * explicit pad must be smaller than the window, so that every window covers some input.
     */
    static void validate(
            String type, int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding) {
        if (padding != null
                && (padding.exceedsWindow(Padding.HEIGHT, poolHeight)
                        || padding.exceedsWindow(Padding.WIDTH, poolWidth))) {
            throw new InvalidNetworkException(type + " padding " + padding + " must be smaller than the window "
                    + poolHeight + "x" + poolWidth + " on every side, so that no window covers only padding.");
        }
        if (poolHeight <= 0 || poolWidth <= 0) {
            throw new InvalidNetworkException(type + " poolSize must be positive, got " + poolHeight + "x" + poolWidth);
        }
        if (strideHeight <= 0 || strideWidth <= 0) {
            throw new InvalidNetworkException(
                    type + " strides must be positive, got " + strideHeight + "x" + strideWidth);
        }
    }
}
