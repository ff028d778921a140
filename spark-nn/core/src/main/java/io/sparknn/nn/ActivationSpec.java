package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.ActivationLayer;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * A stand-alone activation layer: {@code ReLU}, {@code LeakyReLU} (negative slope
 * {@code alpha}, Keras' default 0.3), {@code Sigmoid}, {@code Tanh}, {@code Softmax} (over the
 * whole sample, i.e. the last axis of a flat input).
 */
public record ActivationSpec(Activation activation, float alpha) implements LayerSpec {
    public static final float DEFAULT_LEAKY_ALPHA = 0.3f;

    public ActivationSpec {
        if (activation == null || activation == Activation.LINEAR) {
            throw new InvalidNetworkException("An activation layer needs a non-linear activation, got " + activation);
        }
        if (!(alpha >= 0f) || Float.isInfinite(alpha)) {
            throw new InvalidNetworkException("LeakyReLU alpha must be a finite value >= 0, got " + alpha);
        }
    }

    public ActivationSpec(Activation activation) {
        this(activation, activation == Activation.LEAKY_RELU ? DEFAULT_LEAKY_ALPHA : 0f);
    }

    @Override
    public String type() {
        return activation.layerType();
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
        // One op per element for the piecewise-linear ones; exp-based ones counted as ~4.
        long n = input.size();
        return switch (activation) {
            case RELU, LEAKY_RELU -> n;
            default -> 4 * n;
        };
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new ActivationLayer(activation, alpha, input, backend));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        if (activation == Activation.LEAKY_RELU) {
            node.put("alpha", alpha);
        }
    }
}
