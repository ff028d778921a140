package io.sparknn.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparknn.jobs.delta.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A train job as written in {@code conf/<name>.yaml}: the input table, the held-out validation
 * data, the feature stages, the estimator's Spark params by name, and where outputs go. Bound
 * strictly from YAML by {@link ConfigLoader}: an unknown key or a wrong type is an error naming
 * the key.
 */
public record TrainConfig(
        String name,
        Task task,
        TableRef input,
        Validation validation,
        Features features,
        String label,
        Labels labels,
        Map<String, JsonNode> estimator,
        Output output,
        Map<String, String> spark) {

    /** What the estimator learns; decides classifier vs regressor and the metrics. */
    public enum Task {
        CLASSIFICATION,
        REGRESSION
    }

    /**
     * The rows the trained pipeline is evaluated on: a seeded random {@code fraction} of the
     * input, or a separate {@code table}.
     */
    public record Validation(Double fraction, Long seed, TableRef table) {}

    /**
     * The features: an existing vector or array column ({@code column}), or numeric columns
     * assembled into one ({@code inputCols}); {@code standardize} adds a StandardScaler.
     */
    public record Features(String column, List<String> inputCols, Boolean standardize) {
        public boolean standardizeOrDefault() {
            return standardize != null && standardize;
        }
    }

    /** What the classes are called in the report ({@code labels.names}: index 0 first). */
    public record Labels(List<String> names) {}

    /** The configured class names, or null. */
    public List<String> classNames() {
        return labels == null || labels.names() == null || labels.names().isEmpty() ? null : labels.names();
    }

    /**
     * Where results go: the PipelineModel directory (any Hadoop FS URI), the metrics JSON, the
     * HTML report, optionally a Delta table that gets one row per run, and optionally a directory
     * of TensorBoard runs ({@code tensorboard}; each run writes its own subfolder) with a point of
     * the running loss every {@code tensorboardStepInterval} steps (default 10).
     */
    public record Output(
            String model,
            String metrics,
            String report,
            String metricsTable,
            Boolean overwrite,
            String tensorboard,
            Integer tensorboardStepInterval) {
        public int tensorboardStepIntervalOrDefault() {
            return tensorboardStepInterval == null ? 10 : tensorboardStepInterval;
        }

        public boolean overwriteOrDefault() {
            return overwrite == null || overwrite;
        }
    }

    public Map<String, JsonNode> estimatorOrEmpty() {
        return estimator == null ? Map.of() : estimator;
    }

    public Map<String, String> sparkOrEmpty() {
        return spark == null ? Map.of() : new LinkedHashMap<>(spark);
    }

    /** Every problem with the combination of values, each naming its key. Empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (task == null) {
            p.add("'task' is missing: set it to classification or regression");
        }
        if (input == null) {
            p.add("'input' is missing: give input.path (a Delta table) or input.table (a catalog name)");
        } else {
            p.addAll(input.problems("input"));
        }
        if (label == null || label.isBlank()) {
            p.add("'label' is missing: name the label column");
        }
        if (features == null) {
            p.add("'features' is missing: give features.column (a vector/array column) or features.inputCols");
        } else if ((features.column() == null)
                == (features.inputCols() == null || features.inputCols().isEmpty())) {
            p.add("features: give exactly one of 'features.column' and 'features.inputCols'");
        }
        if (validation != null) {
            if ((validation.fraction() == null) == (validation.table() == null)) {
                p.add("validation: give exactly one of 'validation.fraction' and 'validation.table'");
            }
            if (validation.fraction() != null && !(validation.fraction() > 0 && validation.fraction() < 1)) {
                p.add("validation.fraction must be in (0, 1), got " + validation.fraction());
            }
            if (validation.table() != null) {
                p.addAll(validation.table().problems("validation.table"));
            }
        }
        if (output == null || output.model() == null || output.model().isBlank()) {
            p.add("'output.model' is missing: where to save the PipelineModel (a directory or URI)");
        }
        if (output != null && output.tensorboardStepInterval() != null && output.tensorboardStepInterval() < 1) {
            p.add("output.tensorboardStepInterval must be >= 1 (steps between points), got "
                    + output.tensorboardStepInterval());
        }
        if (labels != null && task == Task.REGRESSION) {
            p.add("'labels.names' names classes, but task is regression: remove 'labels' or set task: classification");
        }
        if (labels != null
                && labels.names() != null
                && labels.names().stream().anyMatch(n -> n == null || n.isBlank())) {
            p.add("labels.names must be non-empty names, got " + labels.names());
        }
        if (estimator == null || !estimator.containsKey("network")) {
            p.add("'estimator.network' is missing: the network spec ({inputShape: [...], layers: [...]})");
        }
        return p;
    }
}
