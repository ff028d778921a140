package io.sparknn.jobs.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.jobs.delta.TableProvenance;
import io.sparknn.train.EpochStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one job run reports: which job, when, the model, the data (Delta table and version),
 * the estimator params, the metrics and the per-epoch history. Written as the metrics JSON
 * (for Airflow XCom), rendered into the HTML report, and appended to the metrics table.
 */
public record RunMetrics(
        String job,
        String name,
        Instant startedAt,
        double seconds,
        String modelPath,
        TableProvenance input,
        TableProvenance validation,
        Map<String, String> params,
        Map<String, Double> metrics,
        List<EpochStats> history) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("job", job);
        if (name != null) {
            root.put("name", name);
        }
        root.put("startedAt", startedAt.toString());
        root.put("seconds", Math.round(seconds * 1000) / 1000.0);
        root.put("model", modelPath);
        if (input != null) {
            root.set("input", provenance(input));
        }
        if (validation != null) {
            root.set("validation", provenance(validation));
        }
        ObjectNode m = root.putObject("metrics");
        metrics.forEach((k, v) -> number(m, k, v));
        if (params != null && !params.isEmpty()) {
            ObjectNode p = root.putObject("params");
            params.forEach(p::put);
        }
        if (history != null && !history.isEmpty()) {
            ArrayNode h = root.putArray("history");
            for (EpochStats e : history) {
                ObjectNode n = h.addObject();
                n.put("epoch", e.epoch());
                number(n, "loss", e.loss());
                number(n, "accuracy", e.accuracy());
                number(n, "validationLoss", e.validationLoss());
                number(n, "validationAccuracy", e.validationAccuracy());
                n.put("samples", e.samples());
                number(n, "seconds", e.seconds());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("metrics JSON", e);
        }
    }

    private static ObjectNode provenance(TableProvenance t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("table", t.table());
        n.put("version", t.version());
        if (t.filter() != null) {
            n.put("filter", t.filter());
        }
        return n;
    }

    /** JSON has no NaN: a metric that does not apply (e.g. no validation loss) is null. */
    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
