package io.sparknn.keras;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One layer of a Keras model config: its class, its name, its config object, and the name of
 * its weights in a Keras 3 archive ({@code layers/<weightsName>}), which Keras derives from the
 * class, not from the layer's name. Typed reads of the config fail naming the layer and the key.
 */
record KerasLayer(String className, String name, JsonNode config, String weightsName) {

    /** E.g. {@code layer 'conv2d_1' (Conv2D)}, as every import error names the layer. */
    String label() {
        return "layer '" + name + "' (" + className + ")";
    }

    KerasImportException unsupported(String what, String supported) {
        return new KerasImportException("Keras " + label() + ": " + what + " is not supported. " + supported);
    }

    boolean has(String key) {
        return config.has(key) && !config.get(key).isNull();
    }

    JsonNode get(String key) {
        return config.get(key);
    }

    int integer(String key, int dflt) throws KerasImportException {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = config.get(key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw bad(key, "an integer");
        }
        return v.intValue();
    }

    double number(String key, double dflt) throws KerasImportException {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = config.get(key);
        if (!v.isNumber()) {
            throw bad(key, "a number");
        }
        return v.doubleValue();
    }

    boolean bool(String key, boolean dflt) throws KerasImportException {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = config.get(key);
        if (!v.isBoolean()) {
            throw bad(key, "true or false");
        }
        return v.booleanValue();
    }

    String string(String key, String dflt) throws KerasImportException {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = config.get(key);
        if (!v.isTextual()) {
            throw bad(key, "a string");
        }
        return v.asText();
    }

    /** A Keras size pair: one integer for both axes or {@code [height, width]}; {@code dflt} when absent. */
    int[] pair(String key, int[] dflt) throws KerasImportException {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = config.get(key);
        if (v.isIntegralNumber()) {
            return new int[] {v.intValue(), v.intValue()};
        }
        if (v.isArray()
                && v.size() == 2
                && v.get(0).isIntegralNumber()
                && v.get(1).isIntegralNumber()) {
            return new int[] {v.get(0).intValue(), v.get(1).intValue()};
        }
        throw bad(key, "an integer or a pair of integers");
    }

    /** Keys that must be absent, null, or equal {@code expected}; else an error naming the key. */
    void require(String key, Object expected, String why) throws KerasImportException {
        if (!has(key)) {
            return;
        }
        JsonNode v = config.get(key);
        boolean ok = expected instanceof Boolean b
                ? v.isBoolean() && v.booleanValue() == b
                : expected instanceof Number n
                        ? v.isNumber() && v.doubleValue() == n.doubleValue()
                        : v.asText().equals(String.valueOf(expected));
        if (!ok) {
            throw new KerasImportException("Keras " + label() + ": " + key + "=" + v + " is not supported; " + "only "
                    + key + "=" + expected + " is (" + why + ").");
        }
    }

    private KerasImportException bad(String key, String expected) {
        return new KerasImportException("Keras " + label() + ": '" + key + "' must be " + expected + ", got "
                + config.get(key) + ". The model config is not one Keras writes.");
    }
}
