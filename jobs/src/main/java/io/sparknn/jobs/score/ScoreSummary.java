package io.sparknn.jobs.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The JSON a score run writes with {@code --summary-out}: the model, the input table and version
 * read, and the output table and version written, so a downstream task (Airflow XCom) can read
 * exactly the predictions this run produced ({@code versionAsOf}).
 */
public final class ScoreSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScoreSummary() {}

    public static String toJson(ScoreJob.Result r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("job", "score");
        root.put("startedAt", r.startedAt().toString());
        root.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        root.put("model", r.modelPath());
        ObjectNode in = root.putObject("input");
        in.put("table", r.input().table());
        in.put("version", r.input().version());
        if (r.input().filter() != null) {
            in.put("filter", r.input().filter());
        }
        ObjectNode out = root.putObject("output");
        out.put("table", r.output().table());
        out.put("version", r.output().version());
        out.put("mode", r.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("rowsWritten", r.rowsWritten());
        out.put("skipped", r.skipped());
        r.columns().forEach(out.putArray("columns")::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("score summary JSON", e);
        }
    }
}
