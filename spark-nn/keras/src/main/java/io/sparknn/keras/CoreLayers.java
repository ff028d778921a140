package io.sparknn.keras;

import io.sparknn.keras.NetworkAssembler.Layout;
import io.sparknn.nn.ActivationSpec;
import io.sparknn.nn.BatchNormalization;
import io.sparknn.nn.Dense;
import io.sparknn.nn.Dropout;
import io.sparknn.nn.layer.Activation;
import java.util.List;
import java.util.Map;

/** Dense, BatchNormalization, Dropout and the activation layers. */
final class CoreLayers {
    private CoreLayers() {}

    static void register(Map<String, LayerConverter> m) {
        m.put("Dense", CoreLayers::dense);
        m.put("BatchNormalization", CoreLayers::batchNormalization);
        m.put("Dropout", CoreLayers::dropout);
        m.put("Activation", CoreLayers::activation);
        m.put("ReLU", CoreLayers::relu);
        m.put("LeakyReLU", CoreLayers::leakyRelu);
        m.put("Softmax", CoreLayers::softmax);
    }

    /** Keras kernel {@code [in, units]} is the engine's layout; only a Flatten before it reorders its rows. */
    private static void dense(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        if (net.layout() != Layout.FLAT) {
            throw net.wrongInput(
                    layer,
                    "a vector (Keras applies Dense to the last axis of " + "a sequence or image; "
                            + "spark-nn's Dense takes vectors: add a Flatten or a global pooling before it)");
        }
        int in = net.shape().dim(0);
        int units = layer.integer("units", -1);
        boolean useBias = layer.bool("use_bias", true);
        KerasActivations.Mapping act = KerasActivations.of(layer, "activation");
        List<WeightArray> ws = useBias
                ? net.weights(layer, new int[] {in, units}, new int[] {units})
                : net.weights(layer, new int[] {in, units});
        float[] kernel = ws.get(0).values();
        if (net.flattenOrder() != null) {
            kernel = ChannelsLast.permuteRows(kernel, units, net.flattenOrder());
            net.setFlattenOrder(null);
        }
        net.add(layer, new Dense(units, act.inline(), useBias, null, null), Layout.FLAT);
        net.addWeights(kernel);
        if (useBias) {
            net.addWeights(ws.get(1).values());
        }
        addAfter(layer, net, act);
    }

    static void addAfter(KerasLayer layer, NetworkAssembler net, KerasActivations.Mapping act)
            throws KerasImportException {
        if (act.after() != null) {
            net.add(layer, act.after(), net.layout());
        }
    }

    /**
     * Per channel of an image and per feature of a vector, as the engine normalizes the first axis
     * of a sample: Keras' last axis in both cases. Keras' moving statistics are the engine's state
     * (same momentum convention: {@code moving = momentum * moving + (1 - momentum) * batch}).
     */
    private static void batchNormalization(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        int rank = net.layout() == Layout.IMAGE ? 3 : net.shape().rank();
        int axis = layer.get("axis") != null
                        && layer.get("axis").isArray()
                        && layer.get("axis").size() == 1
                ? layer.get("axis").get(0).intValue()
                : layer.integer("axis", -1);
        if (net.layout() == Layout.SEQUENCE || (axis != -1 && axis != rank)) {
            throw layer.unsupported(
                    "normalizing axis " + axis + " of " + net.describe(),
                    "spark-nn normalizes the channels of an image or the features of a vector (Keras axis=-1).");
        }
        layer.require("renorm", false, "batch renormalization has no spark-nn counterpart");
        boolean center = layer.bool("center", true);
        boolean scale = layer.bool("scale", true);
        int c = net.shape().dim(0);
        int[] vector = {c};
        int count = 2 + (center ? 1 : 0) + (scale ? 1 : 0);
        int[][] shapes = new int[count][];
        java.util.Arrays.fill(shapes, vector);
        List<WeightArray> ws = net.weights(layer, shapes);
        net.add(
                layer,
                new BatchNormalization(
                        (float) layer.number("momentum", 0.99), (float) layer.number("epsilon", 1e-3), center, scale),
                net.layout());
        int[] order = net.flattenOrder();
        // Keras order: gamma (scale), beta (center), moving mean, moving variance; the engine's
        // parameters are gamma then beta, its state mean then variance.
        for (int i = 0; i < count; i++) {
            float[] v = order == null
                    ? ws.get(i).values()
                    : ChannelsLast.permuteRows(ws.get(i).values(), 1, order);
            if (i < count - 2) {
                net.addWeights(v);
            } else {
                net.addState(v);
            }
        }
    }

    private static void dropout(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        if (layer.has("noise_shape")) {
            throw layer.unsupported("noise_shape", "Only Dropout with the default noise shape is supported.");
        }
        float rate = (float) layer.number("rate", 0);
        if (rate > 0) {
            net.add(layer, new Dropout(rate), net.layout());
        }
    }

    private static void activation(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        KerasActivations.Mapping act = KerasActivations.of(layer, "activation");
        if (act.inline() == Activation.SOFTMAX) {
            softmax(layer, net);
        } else if (act.inline() != Activation.LINEAR) {
            net.add(layer, new ActivationSpec(act.inline()), net.layout());
        }
        addAfter(layer, net, act);
    }

    private static void relu(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        if (layer.has("max_value") || layer.number("threshold", 0) != 0) {
            throw layer.unsupported(
                    "max_value/threshold", "Only ReLU(), optionally with negative_slope, is supported.");
        }
        double slope = layer.number("negative_slope", 0);
        net.add(
                layer,
                slope == 0
                        ? new ActivationSpec(Activation.RELU)
                        : new ActivationSpec(Activation.LEAKY_RELU, (float) slope),
                net.layout());
    }

    private static void leakyRelu(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        // Keras 3 calls the slope negative_slope, Keras 2 alpha; both default to 0.3.
        double slope = layer.number("negative_slope", layer.number("alpha", 0.3));
        net.add(layer, new ActivationSpec(Activation.LEAKY_RELU, (float) slope), net.layout());
    }

    private static void softmax(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        if (net.layout() != Layout.FLAT) {
            throw net.wrongInput(layer, "a vector (spark-nn's softmax normalizes a whole flat sample)");
        }
        if (layer.has("axis")
                && layer.get("axis").isIntegralNumber()
                && layer.get("axis").intValue() != -1
                && layer.get("axis").intValue() != 1) {
            throw layer.unsupported("axis=" + layer.get("axis"), "Only the last axis (-1) is supported.");
        }
        net.add(layer, new ActivationSpec(Activation.SOFTMAX), Layout.FLAT);
    }
}
