package io.sparknn.jobs.metrics;

import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.report.ClassificationDetails;
import io.sparknn.jobs.report.HeldOutDetails;
import io.sparknn.jobs.report.RegressionDetails;
import io.sparknn.ml.NeuralNetworkModel;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;

/**
 * The metrics of a fitted pipeline on labelled rows, computed with MLlib's own evaluators:
 * accuracy, weighted F1/precision/recall (plus AUC-ROC and AUC-PR for binary classifiers), or
 * RMSE, MAE and R2 for regressors.
 */
public final class ModelMetrics {
    private ModelMetrics() {}

    /** The spark-nn stage of a pipeline (its last neural-network model). */
    public static Transformer networkStage(PipelineModel model) {
        Transformer[] stages = model.stages();
        for (int i = stages.length - 1; i >= 0; i--) {
            if (stages[i] instanceof NeuralNetworkModel) {
                return stages[i];
            }
        }
        throw new InputDataException("The PipelineModel has no spark-nn model stage (stages: "
                + Arrays.stream(stages).map(s -> s.getClass().getSimpleName()).toList() + ").");
    }

    /**
     * The metrics and what the report draws of the same scored rows: a classifier's confusion
     * matrix and misclassified images, or a regressor's (actual, predicted) sample; the other is
     * null.
     */
    public record Evaluation(
            Map<String, Double> metrics, ClassificationDetails classification, RegressionDetails regression) {}

    /**
     * Scores {@code rows} with {@code model} and evaluates; {@code rows} must hold the label column.
     *
     * @param classNames the classes' names for the report, or null
     */
    public static Evaluation evaluate(PipelineModel model, Dataset<Row> rows, List<String> classNames) {
        Transformer nn = networkStage(model);
        String labelCol = nn.getParam("labelCol") == null ? "label" : (String) nn.getOrDefault(nn.getParam("labelCol"));
        if (!Arrays.asList(rows.columns()).contains(labelCol)) {
            throw new InputDataException(
                    "Column '" + labelCol + "' (the model's labelCol) is not in the evaluation data " + "(columns "
                            + Arrays.toString(rows.columns()) + "). Evaluate on a table with labels.");
        }
        Dataset<Row> scored = model.transform(rows).cache();
        try {
            Map<String, Double> m = new LinkedHashMap<>();
            long count = scored.count();
            m.put("rows", (double) count);
            if (nn instanceof NeuralNetworkClassificationModel c) {
                classification(c, scored, m);
                return new Evaluation(m, HeldOutDetails.classification(c, scored, classNames), null);
            }
            NeuralNetworkRegressionModel r = (NeuralNetworkRegressionModel) nn;
            regression(r, scored, m);
            return new Evaluation(m, null, HeldOutDetails.regression(r, scored, count));
        } finally {
            scored.unpersist();
        }
    }

    private static void classification(NeuralNetworkClassificationModel c, Dataset<Row> scored, Map<String, Double> m) {
        MulticlassClassificationEvaluator mc = new MulticlassClassificationEvaluator()
                .setLabelCol(c.getLabelCol())
                .setPredictionCol(c.getPredictionCol());
        for (String name : new String[] {"accuracy", "f1", "weightedPrecision", "weightedRecall"}) {
            m.put(name, mc.setMetricName(name).evaluate(scored));
        }
        if (c.numClasses() == 2 && !c.getRawPredictionCol().isEmpty()) {
            BinaryClassificationEvaluator bc = new BinaryClassificationEvaluator()
                    .setLabelCol(c.getLabelCol())
                    .setRawPredictionCol(c.getRawPredictionCol());
            m.put("areaUnderROC", bc.setMetricName("areaUnderROC").evaluate(scored));
            m.put("areaUnderPR", bc.setMetricName("areaUnderPR").evaluate(scored));
        }
    }

    private static void regression(NeuralNetworkRegressionModel r, Dataset<Row> scored, Map<String, Double> m) {
        if (!(scored.schema().apply(r.getLabelCol()).dataType() instanceof NumericType)) {
            // Several outputs: MLlib's evaluator takes one number per row, so report the row count only.
            return;
        }
        RegressionEvaluator re =
                new RegressionEvaluator().setLabelCol(r.getLabelCol()).setPredictionCol(r.getPredictionCol());
        for (String name : new String[] {"rmse", "mae", "r2"}) {
            m.put(name, re.setMetricName(name).evaluate(scored));
        }
    }
}
