package io.sparknn.jobs.model;

import io.sparknn.jobs.FailureCause;
import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.metrics.ModelMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.StructType;

/**
 * A PipelineModel saved by the train job (or any pipeline ending in a spark-nn model), loaded
 * from a directory on any Hadoop FileSystem, with the columns it reads from its input.
 */
public final class SavedPipeline {
    /** Params through which MLlib stages name the columns they read. */
    private static final List<String> INPUT_PARAMS = List.of("featuresCol", "inputCol", "inputCols");
    /** Params through which stages name the columns they add (later stages may read those). */
    private static final List<String> OUTPUT_PARAMS =
            List.of("outputCol", "outputCols", "predictionCol", "probabilityCol", "rawPredictionCol");

    private final String path;
    private final PipelineModel model;
    private final Transformer network;

    private SavedPipeline(String path, PipelineModel model) {
        this.path = path;
        this.model = model;
        this.network = ModelMetrics.networkStage(model);
    }

    /**
     * Loads the PipelineModel at {@code uri}; {@code option} (e.g. {@code --model}) is named in
     * messages. A missing directory, or one that holds something else than a saved PipelineModel
     * with a spark-nn stage, is an {@link InputDataException} naming the path.
     */
    public static SavedPipeline load(JobFiles files, String uri, String option) {
        String path = files.qualify(uri, option);
        if (!files.exists(path, option)) {
            throw new InputDataException("Model directory '" + path + "' (" + option + ") does not exist. Check the "
                    + "path, or train a model first: spark-nn train --config conf/<name>.yaml.");
        }
        if (!files.exists(path + "/metadata", option) || !files.exists(path + "/stages", option)) {
            throw new InputDataException("'" + path + "' (" + option
                    + ") is not a saved Spark ML PipelineModel: it has no "
                    + "metadata/ and stages/ directories. Point " + option + " at the output.model directory of a "
                    + "train run.");
        }
        PipelineModel model;
        try {
            model = PipelineModel.load(path);
        } catch (RuntimeException e) {
            throw new InputDataException(
                    "Cannot load the PipelineModel at '" + path + "' (" + option + "): "
                            + FailureCause.of(e).replaceAll("\\.+$", "") + ". Its stages' metadata name the classes "
                            + files.stageClasses(path, option)
                            + "; a stage's data that does not fit the class its metadata names (files edited, or mixed from "
                            + "several models) fails like this. Point " + option
                            + " at an unmodified output.model directory of "
                            + "a train run.",
                    e);
        }
        return new SavedPipeline(path, model);
    }

    /** The fully qualified directory, as recorded in outputs. */
    public String path() {
        return path;
    }

    public PipelineModel pipeline() {
        return model;
    }

    /** The spark-nn stage: its params name the prediction, probability and label columns. */
    public Transformer network() {
        return network;
    }

    /** A column param of the network stage, or null when the stage has none or it is empty. */
    public String networkColumn(String param) {
        if (!network.hasParam(param)) {
            return null;
        }
        Object v = network.getOrDefault(network.getParam(param));
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }

    /**
     * The columns the pipeline reads from its input (not those an earlier stage adds), in stage
     * order: e.g. {@code [features]}, or a VectorAssembler's input columns.
     */
    public List<String> inputColumns() {
        Set<String> needed = new LinkedHashSet<>();
        Set<String> produced = new LinkedHashSet<>();
        for (Transformer stage : model.stages()) {
            for (String c : columns(stage, INPUT_PARAMS)) {
                if (!produced.contains(c)) {
                    needed.add(c);
                }
            }
            produced.addAll(columns(stage, OUTPUT_PARAMS));
        }
        return new ArrayList<>(needed);
    }

    /**
     * Checks, without running a Spark job, that {@code schema} has every input column of the
     * model with a type its stages accept; {@code table} names the data in messages.
     */
    public void checkInput(StructType schema, String table) {
        List<String> available = Arrays.asList(schema.fieldNames());
        for (String c : inputColumns()) {
            if (!available.contains(c)) {
                throw new InputDataException("Column '" + c + "', which model '" + path + "' reads, is not in " + table
                        + " (columns " + available + "). Score a table with that column, or retrain the model on "
                        + "this table's columns.");
            }
        }
        try {
            model.transformSchema(schema);
        } catch (IllegalArgumentException e) {
            throw new InputDataException("Model '" + path + "' cannot score " + table + ": " + e.getMessage(), e);
        }
    }

    private static List<String> columns(Transformer stage, List<String> params) {
        List<String> out = new ArrayList<>();
        for (String name : params) {
            if (!stage.hasParam(name)) {
                continue;
            }
            Param<Object> p = stage.getParam(name);
            if (!stage.isDefined(p)) {
                continue;
            }
            Object v = stage.getOrDefault(p);
            if (v instanceof String s && !s.isEmpty()) {
                out.add(s);
            } else if (v instanceof String[] a) {
                out.addAll(Arrays.asList(a));
            }
        }
        return out;
    }
}
