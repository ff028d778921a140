package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.nn.layer.ConvGeometry;
import io.sparknn.tensor.Shape;

/**
 * What the two global 2-D poolings share: a {@code [C, H, W]} sample reduced to {@code [C]}, no
 * parameters, one operation per input element, no configuration. The specs add only their name
 * and the layer they build.
 */
public sealed interface GlobalPoolingSpec extends LayerSpec permits GlobalAveragePooling2D, GlobalMaxPooling2D {

    @Override
    default Shape outputShape(Shape input, int index) {
        return Shape.of(ConvGeometry.requireImage(input, index, type()).dim(0));
    }

    @Override
    default long paramCount(Shape input) {
        return 0;
    }

    /** One addition (average) or comparison (max) per input element. */
    @Override
    default long flopsPerSample(Shape input) {
        return input.size();
    }

    @Override
    default void writeConfig(ObjectNode node) {
        // no configuration
    }
}
