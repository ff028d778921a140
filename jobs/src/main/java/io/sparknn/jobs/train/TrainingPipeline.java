package io.sparknn.jobs.train;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.config.EstimatorParams;
import io.sparknn.jobs.config.TrainConfig;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.ml.regression.NeuralNetworkRegressor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the Pipeline a train config describes: optional VectorAssembler (features.inputCols),
 * optional StandardScaler (features.standardize), then NeuralNetworkClassifier or
 * NeuralNetworkRegressor with the config's estimator params. Columns are checked against the
 * input schema before anything runs.
 */
public final class TrainingPipeline {
    static final String ASSEMBLED = "features_assembled";
    static final String SCALED = "features_scaled";

    private TrainingPipeline() {}

    /** The pipeline and its estimator (to set provenance on). */
    public record Built(Pipeline pipeline, Params estimator) {}

    public static Built build(TrainConfig config, StructType inputSchema, String provenanceJson) {
        TrainConfig.Features f = config.features();
        List<String> columns = Arrays.asList(inputSchema.fieldNames());
        List<String> needed = new ArrayList<>();
        needed.add(config.label());
        needed.addAll(f.inputCols() != null ? f.inputCols() : List.of(f.column()));
        for (String c : needed) {
            if (!columns.contains(c)) {
                throw new InputDataException("Column '" + c + "' is not in input table '"
                        + config.input().name() + "' (columns " + columns
                        + "). Fix 'label'/'features' in the config or input.columns.");
            }
            if (c.contains(".")) {
                // Spark ML stages look columns up with col(name), which reads "a.b" as field b of a struct a.
                throw new InputDataException("Column '" + c + "' of input table '"
                        + config.input().name() + "' has a '.' "
                        + "in its name, which Spark ML stages read as field '" + c.substring(c.indexOf('.') + 1)
                        + "' of a struct column '" + c.substring(0, c.indexOf('.')) + "', so training cannot use it. "
                        + "Rename the column in the table (e.g. write a copy with withColumnRenamed) and name the new "
                        + "column in 'label'/'features'.");
            }
        }
        List<PipelineStage> stages = new ArrayList<>();
        String featuresCol = f.column();
        if (f.inputCols() != null) {
            stages.add(new VectorAssembler()
                    .setInputCols(f.inputCols().toArray(String[]::new))
                    .setOutputCol(ASSEMBLED)
                    .setHandleInvalid("error"));
            featuresCol = ASSEMBLED;
        }
        if (f.standardizeOrDefault()) {
            if (f.inputCols() == null
                    && !(inputSchema.apply(featuresCol).dataType() instanceof org.apache.spark.ml.linalg.VectorUDT)) {
                throw new ConfigException("features.standardize needs a vector column, but '" + featuresCol + "' is "
                        + inputSchema.apply(featuresCol).dataType().simpleString()
                        + ": use features.inputCols, or drop features.standardize.");
            }
            stages.add(new StandardScaler()
                    .setInputCol(featuresCol)
                    .setOutputCol(SCALED)
                    .setWithMean(true)
                    .setWithStd(true));
            featuresCol = SCALED;
        }
        Params estimator;
        if (config.task() == TrainConfig.Task.CLASSIFICATION) {
            NeuralNetworkClassifier c =
                    new NeuralNetworkClassifier().setFeaturesCol(featuresCol).setLabelCol(config.label());
            estimator = c;
            stages.add(c);
        } else {
            NeuralNetworkRegressor r =
                    new NeuralNetworkRegressor().setFeaturesCol(featuresCol).setLabelCol(config.label());
            estimator = r;
            stages.add(r);
        }
        EstimatorParams.apply(estimator, config.estimatorOrEmpty(), "estimator");
        estimator.set(estimator.getParam("provenance"), provenanceJson);
        return new Built(new Pipeline().setStages(stages.toArray(PipelineStage[]::new)), estimator);
    }
}
