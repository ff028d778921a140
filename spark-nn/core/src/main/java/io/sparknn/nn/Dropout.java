package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.DropoutLayer;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code rate} and the
 * rest scaled by {@code 1 / (1 - rate)}; at inference it is the identity.
 */
public record Dropout(float rate) implements LayerSpec {
    public Dropout {
        if (!(rate >= 0f && rate < 1f)) {
            throw new InvalidNetworkException("Dropout rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public String type() {
        return "Dropout";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        return input;
    }

    @Override
    public long paramCount(Shape input) {
        return 0;
    }

    @Override
    public long flopsPerSample(Shape input) {
        return 0; // identity at inference
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new DropoutLayer(rate, input));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        node.put("rate", rate);
    }
}
