package io.sparknn.keras;

import io.sparknn.nn.ActivationSpec;
import io.sparknn.nn.layer.Activation;

/**
 * Keras activation names to the engine's. A layer's {@code activation=} argument becomes the
 * engine layer's own activation, except {@code leaky_relu}, whose Keras slope (0.2) differs from
 * the engine's layer default, so it becomes a separate activation layer with that slope.
 */
final class KerasActivations {
    /** Keras' {@code keras.activations.leaky_relu} default {@code negative_slope}. */
    static final float KERAS_LEAKY_RELU_SLOPE = 0.2f;

    static final String SUPPORTED = "Supported activations: linear, relu, sigmoid, tanh, softmax, leaky_relu.";

    /** How one {@code activation=} argument maps: inline on the layer, or a layer after it (or null). */
    record Mapping(Activation inline, ActivationSpec after) {}

    private KerasActivations() {}

    static Mapping of(KerasLayer layer, String key) throws KerasImportException {
        if (layer.has(key) && !layer.get(key).isTextual()) {
            throw layer.unsupported(key + "=" + layer.get(key) + " (a custom activation object)", SUPPORTED);
        }
        String name = layer.string(key, "linear");
        return switch (name) {
            case "linear" -> new Mapping(Activation.LINEAR, null);
            case "relu" -> new Mapping(Activation.RELU, null);
            case "sigmoid" -> new Mapping(Activation.SIGMOID, null);
            case "tanh" -> new Mapping(Activation.TANH, null);
            case "softmax" -> new Mapping(Activation.SOFTMAX, null);
            case "leaky_relu" ->
                new Mapping(Activation.LINEAR, new ActivationSpec(Activation.LEAKY_RELU, KERAS_LEAKY_RELU_SLOPE));
            default -> throw layer.unsupported(key + "='" + name + "'", SUPPORTED);
        };
    }
}
