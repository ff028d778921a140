package io.sparknn.nn;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses one layer object of the network JSON, by its {@code type}. */
final class LayerTypes {
    @FunctionalInterface
    private interface Parser {
        LayerSpec parse(Config c);
    }

    private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("Dense", c -> {
            c.allow("units", "activation", "useBias", "kernelInitializer", "biasInitializer");
            return new Dense(c.requiredInt("units"), Activation.fromKeyword(c.string("activation", null)),
                    c.bool("useBias", true), c.string("kernelInitializer", null), c.string("biasInitializer", null));
        });
        PARSERS.put("Dropout", c -> {
            c.allow("rate");
            return new Dropout(c.requiredFloat("rate"));
        });
        PARSERS.put("Activation", c -> {
            c.allow("activation", "alpha");
            Activation a = Activation.fromKeyword(c.requiredString("activation"));
            return new ActivationSpec(a, c.floatValue("alpha", a == Activation.LEAKY_RELU ? ActivationSpec.DEFAULT_LEAKY_ALPHA : 0f));
        });
        PARSERS.put("Embedding", c -> {
            c.allow("inputDim", "outputDim", "paddingIndex", "embeddingsInitializer");
            return new Embedding(c.requiredInt("inputDim"), c.requiredInt("outputDim"), c.intValue("paddingIndex", -1),
                    c.string("embeddingsInitializer", null));
        });
        PARSERS.put("LSTM", c -> {
            c.allow("units", "returnSequences", "kernelInitializer", "recurrentInitializer", "biasInitializer",
                    "unitForgetBias");
            return new LSTM(c.requiredInt("units"), c.bool("returnSequences", false), c.string("kernelInitializer", null),
                    c.string("recurrentInitializer", null), c.string("biasInitializer", null), c.bool("unitForgetBias", true));
        });
        PARSERS.put("GRU", c -> {
            c.allow("units", "returnSequences", "kernelInitializer", "recurrentInitializer", "biasInitializer");
            return new GRU(c.requiredInt("units"), c.bool("returnSequences", false), c.string("kernelInitializer", null),
                    c.string("recurrentInitializer", null), c.string("biasInitializer", null));
        });
        PARSERS.put("GlobalAveragePooling1D", c -> {
            c.allow();
            return new GlobalAveragePooling1D();
        });
        for (Activation a : Activation.values()) {
            if (a.layerType() != null) {
                PARSERS.put(a.layerType(), c -> {
                    c.allow(a == Activation.LEAKY_RELU ? new String[]{"alpha"} : new String[0]);
                    return new ActivationSpec(a, c.floatValue("alpha", a == Activation.LEAKY_RELU ? ActivationSpec.DEFAULT_LEAKY_ALPHA : 0f));
                });
            }
        }
    }

    private LayerTypes() {
    }

    static LayerSpec parse(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            throw new InvalidNetworkException("Layer " + index + " must be a JSON object with a \"type\", got " + node);
        }
        JsonNode t = node.get("type");
        if (t == null || !t.isTextual()) {
            throw new InvalidNetworkException("Layer " + index + " has no \"type\". Known types: " + PARSERS.keySet() + ".");
        }
        Parser p = PARSERS.get(t.asText());
        if (p == null) {
            throw new InvalidNetworkException("Layer " + index + " has unknown type '" + t.asText()
                    + "'. Known types: " + PARSERS.keySet() + ".");
        }
        try {
            return p.parse(new Config(node, index, t.asText()));
        } catch (InvalidNetworkException e) {
            if (e.getMessage().startsWith("Layer " + index)) {
                throw e;
            }
            throw new InvalidNetworkException("Layer " + index + " (" + t.asText() + "): " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidNetworkException("Layer " + index + " (" + t.asText() + "): " + e.getMessage(), e);
        }
    }

    /** Typed access to a layer's keys, with errors naming the layer and the key. */
    private static final class Config {
        private final JsonNode node;
        private final int index;
        private final String type;

        Config(JsonNode node, int index, String type) {
            this.node = node;
            this.index = index;
            this.type = type;
        }

        void allow(String... keys) {
            Set<String> allowed = new java.util.HashSet<>(Set.of(keys));
            allowed.add("type");
            NetworkSpecJson.checkKeys(node, allowed, "layer " + index + " (" + type + ")");
        }

        private InvalidNetworkException bad(String key, String expected) {
            return new InvalidNetworkException("Layer " + index + " (" + type + "): \"" + key + "\" must be "
                    + expected + ", got " + node.get(key));
        }

        int requiredInt(String key) {
            JsonNode v = node.get(key);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad(key, "an integer");
            }
            return v.intValue();
        }

        int intValue(String key, int dflt) {
            return node.has(key) ? requiredInt(key) : dflt;
        }

        float requiredFloat(String key) {
            JsonNode v = node.get(key);
            if (v == null || !v.isNumber()) {
                throw bad(key, "a number");
            }
            return v.floatValue();
        }

        float floatValue(String key, float dflt) {
            return node.has(key) ? requiredFloat(key) : dflt;
        }

        String requiredString(String key) {
            JsonNode v = node.get(key);
            if (v == null || !v.isTextual()) {
                throw bad(key, "a string");
            }
            return v.asText();
        }

        String string(String key, String dflt) {
            return node.has(key) && !node.get(key).isNull() ? requiredString(key) : dflt;
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = node.get(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw bad(key, "true or false");
            }
            return v.booleanValue();
        }
    }
}
