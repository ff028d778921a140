package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.ConvGeometry;
import io.sparknn.nn.layer.GlobalAveragePooling2DLayer;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/** The mean of each channel of a {@code [C, H, W]} sample, giving {@code [C]}, as Keras' {@code GlobalAveragePooling2D()}. */
public record GlobalAveragePooling2D() implements LayerSpec {

    @Override
    public String type() {
        return "GlobalAveragePooling2D";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        return Shape.of(ConvGeometry.requireImage(input, index, type()).dim(0));
    }

    @Override
    public long paramCount(Shape input) {
        return 0;
    }

    @Override
    public long flopsPerSample(Shape input) {
        return input.size();
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new GlobalAveragePooling2DLayer(ConvGeometry.requireImage(input, -1, type())));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        // no configuration
    }
}
