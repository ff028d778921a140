package io.sparknn.jobs.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.jobs.delta.TableProvenance;
import io.sparknn.jobs.report.ReportDetails;
import io.sparknn.jobs.report.ReportDetailsJson;
import io.sparknn.train.EpochStats;
import io.sparknn.train.EpochStatsJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one job run reports: which job, when, the model, the data (Delta table and version),
 * the estimator params, the metrics, the per-epoch history and what else the report draws
 * ({@code details}, may be null). Written as the metrics JSON (for Airflow XCom; the report's
 * extras go under the {@code report} key, the other keys are stable), rendered into the HTML
 * report, and appended to the metrics table. {@link #fromJson} reads it back, so a
 * report can be drawn again without retraining.
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
        List<EpochStats> history,
        ReportDetails details) {
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
            root.set("history", tree(EpochStatsJson.write(history)));
        }
        if (details != null) {
            root.set("report", ReportDetailsJson.write(details));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("metrics JSON", e);
        }
    }

    /**
     * Reads a metrics JSON this class wrote (older files without the {@code report} key give
     * null details).
     *
     * @throws IllegalArgumentException naming what is missing when the text is not one
     */
    public static RunMetrics fromJson(String text) {
        JsonNode root = tree(text);
        if (!root.path("job").isTextual() || !root.path("metrics").isObject() || !root.has("startedAt")) {
            throw new IllegalArgumentException("it has no 'job', 'startedAt' and 'metrics' keys, so it is not a "
                    + "metrics JSON written by spark-nn train or evaluate");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        root.get("metrics")
                .properties()
                .forEach(e -> metrics.put(
                        e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
        Map<String, String> params = new TreeMap<>();
        root.path("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        return new RunMetrics(
                root.get("job").asText(),
                root.hasNonNull("name") ? root.get("name").asText() : null,
                Instant.parse(root.get("startedAt").asText()),
                root.path("seconds").asDouble(),
                root.path("model").asText(),
                readProvenance(root.get("input")),
                readProvenance(root.get("validation")),
                params,
                metrics,
                root.has("history") ? EpochStatsJson.read(root.get("history").toString()) : List.of(),
                root.has("report") ? ReportDetailsJson.read(root.get("report")) : null);
    }

    private static TableProvenance readProvenance(JsonNode n) {
        return n == null || !n.isObject()
                ? null
                : new TableProvenance(
                        n.path("table").asText(),
                        n.path("version").asLong(),
                        n.hasNonNull("filter") ? n.get("filter").asText() : null);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("it is not valid JSON (" + e.getOriginalMessage() + ")", e);
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
