package io.sparknn.nn;

import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.ConvGeometry;
import io.sparknn.nn.layer.GlobalAveragePooling2DLayer;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/** The mean of each channel of a {@code [C, H, W]} sample, giving {@code [C]}, as Keras' {@code GlobalAveragePooling2D()}. */
public record GlobalAveragePooling2D() implements GlobalPoolingSpec {

    @Override
    public String type() {
        return "GlobalAveragePooling2D";
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new GlobalAveragePooling2DLayer(ConvGeometry.requireImage(input, -1, type())));
    }
}
