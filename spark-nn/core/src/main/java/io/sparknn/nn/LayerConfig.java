package io.sparknn.nn;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparknn.nn.layer.InvalidNetworkException;
import java.util.HashSet;
import java.util.Set;

/** Typed access to one layer object of the network JSON, with errors naming the layer and the key. */
final class LayerConfig {
    private final JsonNode node;
    private final int index;
    private final String type;

    LayerConfig(JsonNode node, int index, String type) {
        this.node = node;
        this.index = index;
        this.type = type;
    }

    void allow(String... keys) {
        Set<String> allowed = new HashSet<>(Set.of(keys));
        allowed.add("type");
        NetworkSpecJson.checkKeys(node, allowed, "layer " + index + " (" + type + ")");
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The raw value of {@code key}, or null when absent. */
    JsonNode get(String key) {
        return node.get(key);
    }

    InvalidNetworkException bad(String key, String expected) {
        return new InvalidNetworkException(
                "Layer " + index + " (" + type + "): \"" + key + "\" must be " + expected + ", got " + node.get(key));
    }

    int requiredInt(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad(key, "an integer");
        }
        return v.intValue();
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
        return has(key) ? requiredString(key) : dflt;
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

    /**
     * A Keras-style size pair such as {@code kernelSize}: one integer for both axes or
     * {@code [height, width]}; {@code dflt} when absent (null = required).
     */
    int[] pair(String key, int[] dflt) {
        if (!has(key)) {
            if (dflt == null) {
                throw bad(key, "an integer or [height, width]");
            }
            return dflt.clone();
        }
        JsonNode v = node.get(key);
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return new int[] {v.intValue(), v.intValue()};
        }
        if (v.isArray() && v.size() == 2 && isInt(v.get(0)) && isInt(v.get(1))) {
            return new int[] {v.get(0).intValue(), v.get(1).intValue()};
        }
        throw bad(key, "an integer or [height, width]");
    }

    /** A required non-empty array of integers, e.g. a target shape. */
    int intValue(String key, int dflt) {
        return node.has(key) ? requiredInt(key) : dflt;
    }

    int[] intArray(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw bad(key, "a non-empty array of integers");
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!isInt(v.get(i))) {
                throw bad(key, "a non-empty array of integers");
            }
            out[i] = v.get(i).intValue();
        }
        return out;
    }

    private static boolean isInt(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToInt();
    }
}
