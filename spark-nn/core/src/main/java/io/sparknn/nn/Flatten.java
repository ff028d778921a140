package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.ReshapeLayer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * Flattens each sample to {@code [size]} in row-major (C, H, W) order, as Keras'
 * {@code Flatten()} (whose order is H, W, C because Keras images are channels-last). Free: the
 * data is not copied.
 */
public record Flatten() implements LayerSpec {

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        return Shape.of(input.size());
    }

    @Override
    public long paramCount(Shape input) {
        return 0;
    }

    @Override
    public long flopsPerSample(Shape input) {
        return 0;
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new ReshapeLayer(input, Shape.of(input.size())));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        // no configuration
    }
}
