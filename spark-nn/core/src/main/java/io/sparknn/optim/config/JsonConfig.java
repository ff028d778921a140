package io.sparknn.optim.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A strict reader for the small JSON objects that describe optimizers and schedules:
 * {@code {"name": ..., key: value, ...}}. Unknown keys, wrong types and duplicates are errors
 * that name the key, so a typo never silently falls back to a default.
 */
public final class JsonConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String kind;
    private final ObjectNode node;

    private JsonConfig(String kind, ObjectNode node) {
        this.kind = kind;
        this.node = node;
    }

    /** Parses {@code json}; {@code kind} ("optimizer", "learning-rate schedule") goes into errors. */
    public static JsonConfig parse(String kind, String json) {
        if (json == null) {
            throw new IllegalArgumentException("The " + kind + " JSON must not be null.");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The " + kind + " JSON is not valid JSON: " + e.getOriginalMessage() + ". Got: " + json, e);
        }
        return of(kind, tree);
    }

    private static JsonConfig of(String kind, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(
                    "The " + kind + " JSON must be an object like" + " {\"name\": ...}, got: " + tree);
        }
        return new JsonConfig(kind, (ObjectNode) tree);
    }

    /** The required {@code "name"} string. */
    public String name() {
        JsonNode value = node.get("name");
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("The " + kind + " JSON needs a string \"name\", got: " + node);
        }
        return value.textValue();
    }

    /** Fails on any key other than {@code "name"} and {@code accepted}. */
    public void requireOnlyKeys(String... accepted) {
        List<String> allowed = Arrays.asList(accepted);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("name") && !allowed.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' in " + kind + " '"
                        + name() + "'. Accepted keys: name, " + String.join(", ", allowed) + "."
                        + hint(key));
            }
        }
    }

    private String hint(String key) {
        boolean learningRate = key.equalsIgnoreCase("lr")
                || key.equalsIgnoreCase("learningRate")
                || key.equalsIgnoreCase("learning_rate");
        if (kind.equals("optimizer") && learningRate) {
            return " The learning rate is not part of the optimizer; set it with a" + " learning-rate schedule.";
        }
        return "";
    }

    public double number(String key, double defaultValue) {
        JsonNode value = node.get(key);
        return value == null ? defaultValue : asNumber(key, value);
    }

    public double requiredNumber(String key) {
        return asNumber(key, required(key));
    }

    public long requiredWholeNumber(String key) {
        JsonNode value = required(key);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()
                && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) < 0x1p53) {
            return (long) value.doubleValue();
        }
        throw wrongType(key, "a whole number", value);
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode value = node.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw wrongType(key, "true or false", value);
        }
        return value.booleanValue();
    }

    /** A required nested object, read with the same strictness. */
    public JsonConfig object(String key) {
        JsonNode value = required(key);
        if (!value.isObject()) {
            throw wrongType(key, "an object", value);
        }
        return new JsonConfig(kind, (ObjectNode) value);
    }

    private JsonNode required(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new IllegalArgumentException(
                    "The " + kind + " '" + name() + "' needs the key '" + key + "', which is missing in " + node + ".");
        }
        return value;
    }

    private double asNumber(String key, JsonNode value) {
        if (!value.isNumber()) {
            throw wrongType(key, "a number", value);
        }
        return value.doubleValue();
    }

    private IllegalArgumentException wrongType(String key, String expected, JsonNode value) {
        return new IllegalArgumentException(
                "Key '" + key + "' of " + kind + " '" + name() + "' must be " + expected + ", got " + value + ".");
    }

    /** A new object whose first field is {@code "name"}. */
    public static ObjectNode newObject(String name) {
        ObjectNode object = MAPPER.createObjectNode();
        object.put("name", name);
        return object;
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not re-read JSON written by spark-nn: " + json, e);
        }
    }

    public static String write(ObjectNode object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON " + object, e);
        }
    }
}
