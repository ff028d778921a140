package io.sparknn.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.loss.Losses;
import io.sparknn.optim.Optimizers;
import io.sparknn.optim.schedule.LearningRateSchedules;
import java.util.Set;

/**
 * The JSON form of a {@link TrainingConfig}, e.g. to ship it to Spark tasks or store it with a
 * model: {@code {"loss":"softmax_cross_entropy","optimizer":{...},"schedule":{...},
 * "batchSize":128,"epochs":10,"seed":0,"clipNorm":0,"threads":2}}.
 */
public final class TrainingConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KEYS =
            Set.of("loss", "optimizer", "schedule", "batchSize", "epochs", "seed", "clipNorm", "threads");

    private TrainingConfigJson() {}

    public static String write(TrainingConfig c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("loss", c.loss().name());
        n.set("optimizer", tree(c.optimizer().toJson()));
        n.set("schedule", tree(c.schedule().toJson()));
        n.put("batchSize", c.batchSize());
        n.put("epochs", c.epochs());
        n.put("seed", c.seed());
        n.put("clipNorm", c.clipNorm());
        n.put("threads", c.threads());
        return n.toString();
    }

    public static TrainingConfig read(String json) {
        JsonNode n = tree(json);
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("Unknown key '" + k + "' in the training config. Accepted keys: "
                        + new java.util.TreeSet<>(KEYS));
            }
        });
        TrainingConfig.Builder b = TrainingConfig.builder();
        if (n.has("loss")) {
            b.loss(Losses.byName(n.get("loss").asText()));
        }
        if (n.has("optimizer")) {
            b.optimizer(Optimizers.fromJson(n.get("optimizer").toString()));
        }
        if (n.has("schedule")) {
            b.schedule(LearningRateSchedules.fromJson(n.get("schedule").toString()));
        }
        if (n.has("batchSize")) {
            b.batchSize(n.get("batchSize").asInt());
        }
        if (n.has("epochs")) {
            b.epochs(n.get("epochs").asInt());
        }
        if (n.has("seed")) {
            b.seed(n.get("seed").asLong());
        }
        if (n.has("clipNorm")) {
            b.clipNorm(n.get("clipNorm").asDouble());
        }
        if (n.has("threads")) {
            b.threads(n.get("threads").asInt());
        }
        return b.build();
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid training config JSON: " + e.getOriginalMessage(), e);
        }
    }
}
