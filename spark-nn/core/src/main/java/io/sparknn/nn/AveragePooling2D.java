package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.AveragePooling2DLayer;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.Padding;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * The mean over each window of each channel of a {@code [C, H, W]} sample, as Keras'
 * {@code AveragePooling2D(pool_size, strides=pool_size, padding)}. With padding {@code same} or
 * explicit pads a border window averages only its elements inside the input (TensorFlow's rule,
 * ONNX's {@code count_include_pad=0}); with {@code countPadding} it divides by the whole window
 * size, padded cells counting as zeros (PyTorch's default {@code count_include_pad=True}, ONNX's
 * {@code count_include_pad=1}). JSON: {@code "countPadding": true}, absent when false.
 */
public record AveragePooling2D(
        int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding, boolean countPadding)
        implements PoolingSpec {

    public AveragePooling2D {
        PoolingSpec.validate("AveragePooling2D", poolHeight, poolWidth, strideHeight, strideWidth, padding);
        padding = padding == null ? Padding.VALID : padding;
    }

    /** Padded cells not counted (Keras, TensorFlow). */
    public AveragePooling2D(int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding) {
        this(poolHeight, poolWidth, strideHeight, strideWidth, padding, false);
    }

    /** A square window whose stride is its size, padding valid: {@code AveragePooling2D(2)} halves H and W. */
    public AveragePooling2D(int poolSize) {
        this(poolSize, poolSize, poolSize, poolSize, Padding.VALID);
    }

    /** A square window with the given stride and padding. */
    public AveragePooling2D(int poolSize, int strides, Padding padding) {
        this(poolSize, poolSize, strides, strides, padding);
    }

    @Override
    public String type() {
        return "AveragePooling2D";
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new AveragePooling2DLayer(geometry(input, -1), countPadding));
    }

    @Override
    public void writeConfig(com.fasterxml.jackson.databind.node.ObjectNode node) {
        PoolingSpec.super.writeConfig(node);
        if (countPadding) {
            node.put("countPadding", true);
        }
    }
}
