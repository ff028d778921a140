package io.sparknn.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layers of a Keras model config (Keras 3's {@code config.json} or a legacy file's
 * {@code model_config}): a {@code Sequential} model, or a functional model whose layers form one
 * chain from its single input to its single output. The input shape is Keras' (channels last,
 * without the batch axis).
 */
record ModelConfig(String modelName, int[] inputShape, List<KerasLayer> layers) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ModelConfig parse(String json, String source) throws KerasImportException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new KerasImportException(
                    source + ": the model config is not valid JSON: " + e.getOriginalMessage()
                            + ". The file is truncated or corrupted; save the model again.",
                    e);
        }
        String cls = root == null ? null : root.path("class_name").asText(null);
        JsonNode config = root == null ? null : root.get("config");
        if (cls == null || config == null || !config.path("layers").isArray()) {
            throw new KerasImportException(source + ": the model config has no class_name and layers list. "
                    + "Only whole models saved with model.save(...) can be imported, not weights-only files.");
        }
        String name = config.path("name").asText("model");
        boolean functional = cls.equals("Functional") || cls.equals("Model");
        if (!functional && !cls.equals("Sequential")) {
            throw new KerasImportException(source + ": the model is a " + cls + "; only Sequential models and "
                    + "functional models that are a single chain of layers can be imported.");
        }
        JsonNode entries = config.get("layers");
        int[] input = null;
        List<KerasLayer> layers = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        String previous = null;
        for (JsonNode entry : entries) {
            String layerClass = entry.path("class_name").asText("?");
            JsonNode layerConfig = entry.path("config");
            String layerName =
                    layerConfig.path("name").asText(entry.path("name").asText("?"));
            if (functional) {
                checkChain(entry, layerName, previous, source);
            }
            previous = layerName;
            if (layerClass.equals("InputLayer")) {
                input = shape(
                        layerConfig.has("batch_shape")
                                ? layerConfig.get("batch_shape")
                                : layerConfig.get("batch_input_shape"));
                continue;
            }
            if (input == null && layers.isEmpty()) {
                input = shape(
                        layerConfig.has("batch_input_shape")
                                ? layerConfig.get("batch_input_shape")
                                : entry.path("build_config").get("input_shape"));
            }
            layers.add(new KerasLayer(layerClass, layerName, layerConfig, weightsName(layerClass, used)));
        }
        if (functional) {
            checkEnds(config, previous, source);
        }
        if (input == null) {
            throw new KerasImportException(source + ": the model config does not give the input shape. Build the "
                    + "model with keras.Input(shape=...) as its first layer and save it again.");
        }
        if (layers.isEmpty()) {
            throw new KerasImportException(source + ": the model has no layers.");
        }
        return new ModelConfig(name, input, layers);
    }

    /** The shape without the batch axis, or null; unknown (null) sizes are an error later. */
    private static int[] shape(JsonNode batchShape) {
        if (batchShape == null || !batchShape.isArray() || batchShape.size() < 2) {
            return null;
        }
        int[] dims = new int[batchShape.size() - 1];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = batchShape.get(i + 1);
            dims[i] = d.isIntegralNumber() ? d.intValue() : -1;
        }
        return dims;
    }

    /**
     * Keras 3 stores a model's layers by class: {@code dense}, {@code dense_1}, ... in layer order
     * (its {@code naming.to_snake_case} plus a per-name counter).
     */
    private static String weightsName(String className, Map<String, Integer> used) {
        String snake = className
                .replaceAll("\\W+", "")
                .replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
        Integer n = used.get(snake);
        if (n == null) {
            used.put(snake, 0);
            return snake;
        }
        used.put(snake, n + 1);
        return snake + "_" + (n + 1);
    }

    /** Every layer after the input takes exactly the previous layer's output. */
    private static void checkChain(JsonNode entry, String name, String previous, String source)
            throws KerasImportException {
        List<String> inbound = inboundLayers(entry.path("inbound_nodes"));
        boolean ok = previous == null
                ? inbound.isEmpty()
                : inbound.size() == 1 && inbound.get(0).equals(previous);
        if (!ok) {
            throw new KerasImportException(source + ": the functional model is not a single chain of layers: layer '"
                    + name + "' takes its input from " + inbound
                    + (previous == null ? "" : " instead of '" + previous + "'")
                    + ". Only Sequential models and functional models whose layers each take the previous "
                    + "layer's output can be imported.");
        }
    }

    /** The layer names a functional layer's inbound nodes refer to, Keras 3 and Keras 2 forms. */
    private static List<String> inboundLayers(JsonNode nodes) {
        List<String> names = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isObject()) { // Keras 3: {"args": [{"config": {"keras_history": [name, 0, 0]}}], ...}
                collectHistories(node, names);
            } else if (node.isArray()) { // Keras 2: [[name, 0, 0, {}], ...]
                for (JsonNode t : node) {
                    names.add(t.path(0).asText());
                }
            }
        }
        return names;
    }

    private static void collectHistories(JsonNode node, List<String> names) {
        if (node.isObject() && node.has("keras_history")) {
            names.add(node.get("keras_history").path(0).asText());
            return;
        }
        for (JsonNode child : node) {
            collectHistories(child, names);
        }
    }

    private static void checkEnds(JsonNode config, String last, String source) throws KerasImportException {
        List<String> outputs = new ArrayList<>();
        collectNames(config.path("output_layers"), outputs);
        List<String> inputs = new ArrayList<>();
        collectNames(config.path("input_layers"), inputs);
        if (inputs.size() != 1 || outputs.size() != 1 || !outputs.get(0).equals(last)) {
            throw new KerasImportException(source + ": the functional model has inputs " + inputs + " and outputs "
                    + outputs + "; only one input and one output, the last layer '" + last + "', can be imported.");
        }
    }

    /** Names in Keras' [name, 0, 0] entries, as a single entry or a list of them. */
    private static void collectNames(JsonNode node, List<String> names) {
        if (node.isArray() && node.size() == 3 && node.get(0).isTextual()) {
            names.add(node.get(0).asText());
            return;
        }
        for (JsonNode child : node) {
            collectNames(child, names);
        }
    }
}
