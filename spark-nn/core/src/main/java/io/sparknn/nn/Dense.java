package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.init.Initializers;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.ActivationLayer;
import io.sparknn.nn.layer.DenseLayer;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected layer {@code y = x W + b} on a flat input, optionally followed by an
 * activation (as Keras' {@code Dense(units, activation=...)}). The kernel is stored
 * {@code [inputs, units]} row-major, then the bias, in the network's flat parameter vector.
 */
public record Dense(int units, Activation activation, boolean useBias, String kernelInitializer, String biasInitializer)
        implements LayerSpec {
    public static final String DEFAULT_KERNEL_INITIALIZER = "glorot_uniform";
    public static final String DEFAULT_BIAS_INITIALIZER = "zeros";

    public Dense {
        if (units <= 0) {
            throw new InvalidNetworkException("Dense units must be positive, got " + units);
        }
        activation = activation == null ? Activation.LINEAR : activation;
        kernelInitializer = kernelInitializer == null ? DEFAULT_KERNEL_INITIALIZER : kernelInitializer;
        biasInitializer = biasInitializer == null ? DEFAULT_BIAS_INITIALIZER : biasInitializer;
        Initializers.byName(kernelInitializer); // fail at spec time, not at training time
        Initializers.byName(biasInitializer);
    }

    public Dense(int units) {
        this(units, Activation.LINEAR, true, null, null);
    }

    public Dense(int units, Activation activation) {
        this(units, activation, true, null, null);
    }

    @Override
    public String type() {
        return "Dense";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        if (input.rank() != 1) {
            throw new InvalidNetworkException("Layer " + index + " (Dense " + units + ") needs a flat input [n] "
                    + "but receives " + input + ". Add a Flatten layer before it.");
        }
        return Shape.of(units);
    }

    @Override
    public long paramCount(Shape input) {
        return (long) input.size() * units + (useBias ? units : 0);
    }

    @Override
    public long flopsPerSample(Shape input) {
        long f = 2L * input.size() * units + (useBias ? units : 0);
        return f
                + (activation == Activation.LINEAR
                        ? 0
                        : new ActivationSpec(activation).flopsPerSample(Shape.of(units)));
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        List<Layer> layers = new ArrayList<>(2);
        layers.add(new DenseLayer(
                input.size(),
                units,
                useBias,
                Initializers.byName(kernelInitializer),
                Initializers.byName(biasInitializer),
                backend));
        if (activation != Activation.LINEAR) {
            layers.add(new ActivationLayer(
                    activation,
                    activation == Activation.LEAKY_RELU ? ActivationSpec.DEFAULT_LEAKY_ALPHA : 0f,
                    Shape.of(units),
                    backend));
        }
        return layers;
    }

    @Override
    public void writeConfig(ObjectNode node) {
        node.put("units", units);
        node.put("activation", activation.keyword());
        node.put("useBias", useBias);
        node.put("kernelInitializer", kernelInitializer);
        node.put("biasInitializer", biasInitializer);
    }
}
