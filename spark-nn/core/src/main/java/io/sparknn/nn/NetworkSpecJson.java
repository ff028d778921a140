package io.sparknn.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.tensor.Shape;
import java.util.Iterator;
import java.util.Set;

/** The JSON form of a {@link NetworkSpec}. Strict: unknown keys are errors naming the key. */
final class NetworkSpecJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP_KEYS = Set.of("inputShape", "layers");

    private NetworkSpecJson() {}

    static String write(NetworkSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode shape = root.putArray("inputShape");
        for (int d : spec.inputShape().dims()) {
            shape.add(d);
        }
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec l : spec.layers()) {
            ObjectNode node = layers.addObject();
            node.put("type", l.type());
            l.writeConfig(node);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write network JSON", e);
        }
    }

    static NetworkSpec read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidNetworkException(
                    "The network JSON is empty. Expected {\"inputShape\":[...],\"layers\":[...]}.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidNetworkException("The network JSON does not parse: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidNetworkException(
                    "The network JSON must be an object {\"inputShape\":[...],\"layers\":[...]}");
        }
        checkKeys(root, TOP_KEYS, "the network");
        JsonNode shapeNode = root.get("inputShape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.isEmpty()) {
            throw new InvalidNetworkException(
                    "The network JSON needs \"inputShape\": a non-empty array of positive integers, e.g. [784]");
        }
        int[] dims = new int[shapeNode.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() <= 0) {
                throw new InvalidNetworkException("inputShape[" + i + "] must be a positive integer, got " + d);
            }
            dims[i] = d.intValue();
        }
        JsonNode layersNode = root.get("layers");
        if (layersNode == null || !layersNode.isArray()) {
            throw new InvalidNetworkException("The network JSON needs \"layers\": an array of layer objects");
        }
        Shape input;
        try {
            input = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new InvalidNetworkException("inputShape is not valid: " + e.getMessage(), e);
        }
        NetworkSpec.Builder b = NetworkSpec.builder(input);
        for (int i = 0; i < layersNode.size(); i++) {
            b.add(LayerTypes.parse(layersNode.get(i), i));
        }
        return b.build();
    }

    /** Rejects keys outside {@code allowed}, naming the key, the place and the accepted keys. */
    static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new InvalidNetworkException("Unknown key '" + k + "' in " + where + ". Accepted keys: "
                        + new java.util.TreeSet<>(allowed) + ".");
            }
        }
    }
}
