package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.ConvGeometry;
import io.sparknn.nn.layer.GlobalMaxPooling2DLayer;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * The maximum of each channel of a {@code [C, H, W]} sample, giving {@code [C]}, as Keras'
 * {@code GlobalMaxPooling2D()} and ONNX's {@code GlobalMaxPool}. The gradient flows to the first
 * maximal element of each channel.
 */
public record GlobalMaxPooling2D() implements GlobalPoolingSpec {

    @Override
    public String type() {
        return "GlobalMaxPooling2D";
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new GlobalMaxPooling2DLayer(ConvGeometry.requireImage(input, -1, type())));
    }
}
