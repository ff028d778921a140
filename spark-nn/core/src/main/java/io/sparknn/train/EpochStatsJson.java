package io.sparknn.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Training history as JSON (an array of epoch objects); NaN is written as null. */
public final class EpochStatsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EpochStatsJson() {}

    public static String write(List<EpochStats> history) {
        ArrayNode a = MAPPER.createArrayNode();
        for (EpochStats e : history) {
            ObjectNode n = a.addObject();
            n.put("epoch", e.epoch());
            putNumber(n, "loss", e.loss());
            putNumber(n, "accuracy", e.accuracy());
            putNumber(n, "validationLoss", e.validationLoss());
            putNumber(n, "validationAccuracy", e.validationAccuracy());
            n.put("samples", e.samples());
            putNumber(n, "seconds", e.seconds());
            // Absent in histories saved before they were measured; read back as NaN.
            putIfFinite(n, "computeSeconds", e.computeSeconds());
            putIfFinite(n, "communicationSeconds", e.communicationSeconds());
            putIfFinite(n, "learningRate", e.learningRate());
        }
        return a.toString();
    }

    public static List<EpochStats> read(String json) {
        List<EpochStats> out = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            for (JsonNode n : MAPPER.readTree(json)) {
                out.add(new EpochStats(
                        n.get("epoch").asInt(),
                        number(n, "loss"),
                        number(n, "accuracy"),
                        number(n, "validationLoss"),
                        number(n, "validationAccuracy"),
                        n.get("samples").asLong(),
                        number(n, "seconds"),
                        number(n, "computeSeconds"),
                        number(n, "communicationSeconds"),
                        number(n, "learningRate")));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid training history JSON: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private static void putNumber(ObjectNode n, String k, double v) {
        if (Double.isNaN(v)) {
            n.putNull(k);
        } else {
            n.put(k, v);
        }
    }

    private static void putIfFinite(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) {
            n.put(k, v);
        }
    }

    private static double number(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
