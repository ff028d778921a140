package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.GlobalAveragePooling1DLayer;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * The mean over time of sequences {@code [time, features]}, giving {@code [features]}, as
 * Keras' {@code GlobalAveragePooling1D}. It ignores order: an Embedding followed by it is a
 * bag-of-words model. With per-sample lengths (an {@link Embedding} with a padding index first)
 * it averages the valid steps only, as Keras does under a mask; a sample of length 0 gives zeros.
 */
public record GlobalAveragePooling1D() implements LayerSpec {

    @Override
    public String type() {
        return "GlobalAveragePooling1D";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        SequenceInput.require(input, index, "GlobalAveragePooling1D");
        return Shape.of(input.dim(1));
    }

    @Override
    public long paramCount(Shape input) {
        return 0;
    }

    @Override
    public long flopsPerSample(Shape input) {
        return input.size() + input.dim(1);
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new GlobalAveragePooling1DLayer(input.dim(0), input.dim(1)));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        // no configuration
    }
}
