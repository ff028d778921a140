package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.MaxPooling2DLayer;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * The maximum over each window of each channel of a {@code [C, H, W]} sample, as Keras'
 * {@code MaxPooling2D(pool_size, strides=pool_size, padding)}; padded positions never win.
 * The gradient flows to the first maximal element of each window.
 */
public record MaxPooling2D(int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding)
        implements PoolingSpec {

    public MaxPooling2D {
        PoolingSpec.validate("MaxPooling2D", poolHeight, poolWidth, strideHeight, strideWidth, padding);
        padding = padding == null ? Padding.VALID : padding;
    }

    /** A square window whose stride is its size, padding valid: {@code MaxPooling2D(2)} halves H and W. */
    public MaxPooling2D(int poolSize) {
        this(poolSize, poolSize, poolSize, poolSize, Padding.VALID);
    }

    /** A square window with the given stride and padding. */
    public MaxPooling2D(int poolSize, int strides, Padding padding) {
        this(poolSize, poolSize, strides, strides, padding);
    }

    @Override
    public String type() {
        return "MaxPooling2D";
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new MaxPooling2DLayer(geometry(input, -1)));
    }
}
