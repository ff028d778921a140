package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;

/**
 * The immutable description of one layer: its type and configuration, as in Keras. It knows
 * the output shape, parameter count and FLOPs for a given input shape, and builds the runtime
 * {@link Layer}. Specs are values: equal configuration, equal spec.
 */
public interface LayerSpec {

    /** The Keras-like type name used in JSON, e.g. {@code Dense}. */
    String type();

    /**
     * The output shape for {@code input}, or an {@link InvalidNetworkException} naming the
     * layer index, the expected and the actual shape.
     */
    Shape outputShape(Shape input, int index);

    /** Trainable parameters for this input shape. */
    long paramCount(Shape input);

    /**
     * Non-trainable state floats for this input shape (running statistics); see
     * {@link Layer#stateSize()}. Default: none.
     */
    default long stateSize(Shape input) {
        return 0;
    }

    /** Forward-pass floating-point operations for one sample. */
    long flopsPerSample(Shape input);

    /** The runtime layers this spec expands to (Dense with an activation gives two). */
    java.util.List<Layer> build(Shape input, Backend backend);

    /** Writes the configuration (without {@code type}) into {@code node}. */
    void writeConfig(ObjectNode node);
}
