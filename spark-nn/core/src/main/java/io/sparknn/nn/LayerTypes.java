package io.sparknn.nn;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparknn.nn.layer.Activation;
import io.sparknn.nn.layer.InvalidNetworkException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses one layer object of the network JSON, by its {@code type}. */
final class LayerTypes {
    @FunctionalInterface
    private interface Parser {
        LayerSpec parse(LayerConfig c);
    }

    private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("Dense", c -> {
            c.allow("units", "activation", "useBias", "kernelInitializer", "biasInitializer");
            return new Dense(
                    c.requiredInt("units"),
                    Activation.fromKeyword(c.string("activation", null)),
                    c.bool("useBias", true),
                    c.string("kernelInitializer", null),
                    c.string("biasInitializer", null));
        });
        PARSERS.put("Dropout", c -> {
            c.allow("rate");
            return new Dropout(c.requiredFloat("rate"));
        });
        PARSERS.put("Activation", c -> {
            c.allow("activation", "alpha");
            Activation a = Activation.fromKeyword(c.requiredString("activation"));
            return new ActivationSpec(
                    a, c.floatValue("alpha", a == Activation.LEAKY_RELU ? ActivationSpec.DEFAULT_LEAKY_ALPHA : 0f));
        });
        PARSERS.put("Embedding", c -> {
            c.allow("inputDim", "outputDim", "paddingIndex", "embeddingsInitializer");
            return new Embedding(
                    c.requiredInt("inputDim"),
                    c.requiredInt("outputDim"),
                    c.intValue("paddingIndex", -1),
                    c.string("embeddingsInitializer", null));
        });
        PARSERS.put("LSTM", c -> {
            c.allow(
                    "units",
                    "returnSequences",
                    "kernelInitializer",
                    "recurrentInitializer",
                    "biasInitializer",
                    "unitForgetBias");
            return new LSTM(
                    c.requiredInt("units"),
                    c.bool("returnSequences", false),
                    c.string("kernelInitializer", null),
                    c.string("recurrentInitializer", null),
                    c.string("biasInitializer", null),
                    c.bool("unitForgetBias", true));
        });
        PARSERS.put("GRU", c -> {
            c.allow("units", "returnSequences", "kernelInitializer", "recurrentInitializer", "biasInitializer");
            return new GRU(
                    c.requiredInt("units"),
                    c.bool("returnSequences", false),
                    c.string("kernelInitializer", null),
                    c.string("recurrentInitializer", null),
                    c.string("biasInitializer", null));
        });
        PARSERS.put("GlobalAveragePooling1D", c -> {
            c.allow();
            return new GlobalAveragePooling1D();
        });
        PARSERS.put("Conv2D", c -> {
            c.allow(
                    "filters",
                    "kernelSize",
                    "strides",
                    "padding",
                    "activation",
                    "useBias",
                    "kernelInitializer",
                    "biasInitializer",
                    "dilationRate");
            int[] dilation = c.pair("dilationRate", new int[] {1, 1});
            if (dilation[0] != 1 || dilation[1] != 1) {
                throw c.bad(
                        "dilationRate", "1 (dilated convolutions are not supported; remove the key or set it to 1)");
            }
            int[] kernel = c.pair("kernelSize", null);
            int[] strides = c.pair("strides", new int[] {1, 1});
            return new Conv2D(
                    c.requiredInt("filters"),
                    kernel[0],
                    kernel[1],
                    strides[0],
                    strides[1],
                    PaddingJson.read(c),
                    Activation.fromKeyword(c.string("activation", null)),
                    c.bool("useBias", true),
                    c.string("kernelInitializer", null),
                    c.string("biasInitializer", null));
        });
        PARSERS.put("MaxPooling2D", c -> {
            c.allow("poolSize", "strides", "padding");
            int[] w = poolWindow(c);
            return new MaxPooling2D(w[0], w[1], w[2], w[3], PaddingJson.read(c));
        });
        PARSERS.put("AveragePooling2D", c -> {
            c.allow("poolSize", "strides", "padding", "countPadding");
            int[] w = poolWindow(c);
            return new AveragePooling2D(w[0], w[1], w[2], w[3], PaddingJson.read(c), c.bool("countPadding", false));
        });
        PARSERS.put("GlobalAveragePooling2D", c -> {
            c.allow();
            return new GlobalAveragePooling2D();
        });
        PARSERS.put("GlobalMaxPooling2D", c -> {
            c.allow();
            return new GlobalMaxPooling2D();
        });
        PARSERS.put("Flatten", c -> {
            c.allow();
            return new Flatten();
        });
        PARSERS.put("Reshape", c -> {
            c.allow("targetShape");
            return new Reshape(c.intArray("targetShape"));
        });
        PARSERS.put("BatchNormalization", c -> {
            c.allow("momentum", "epsilon", "center", "scale");
            return new BatchNormalization(
                    c.floatValue("momentum", BatchNormalization.DEFAULT_MOMENTUM),
                    c.floatValue("epsilon", BatchNormalization.DEFAULT_EPSILON),
                    c.bool("center", true),
                    c.bool("scale", true));
        });
        for (Activation a : Activation.values()) {
            if (a.layerType() != null) {
                PARSERS.put(a.layerType(), c -> {
                    c.allow(a == Activation.LEAKY_RELU ? new String[] {"alpha"} : new String[0]);
                    return new ActivationSpec(
                            a,
                            c.floatValue(
                                    "alpha", a == Activation.LEAKY_RELU ? ActivationSpec.DEFAULT_LEAKY_ALPHA : 0f));
                });
            }
        }
    }

    private LayerTypes() {}

    /** poolSize, then strides (default: the pool size), as {pool h, pool w, stride h, stride w}. */
    private static int[] poolWindow(LayerConfig c) {
        int[] pool = c.pair("poolSize", new int[] {2, 2});
        int[] strides = c.pair("strides", pool);
        return new int[] {pool[0], pool[1], strides[0], strides[1]};
    }

    static LayerSpec parse(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            throw new InvalidNetworkException("Layer " + index + " must be a JSON object with a \"type\", got " + node);
        }
        JsonNode t = node.get("type");
        if (t == null || !t.isTextual()) {
            throw new InvalidNetworkException(
                    "Layer " + index + " has no \"type\". Known types: " + PARSERS.keySet() + ".");
        }
        Parser p = PARSERS.get(t.asText());
        if (p == null) {
            throw new InvalidNetworkException("Layer " + index + " has unknown type '" + t.asText() + "'. Known types: "
                    + PARSERS.keySet() + ".");
        }
        try {
            return p.parse(new LayerConfig(node, index, t.asText()));
        } catch (InvalidNetworkException e) {
            if (e.getMessage().startsWith("Layer " + index)) {
                throw e;
            }
            throw new InvalidNetworkException("Layer " + index + " (" + t.asText() + "): " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidNetworkException("Layer " + index + " (" + t.asText() + "): " + e.getMessage(), e);
        }
    }
}
