package io.sparknn.ml;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import io.sparknn.ml.regression.NeuralNetworkRegressor;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.TestSpark;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * The regressor learns smooth functions ({@link Curves}): one output with a double label, two
 * outputs with an {@code array<double>} label, and its output feeds MLlib's RegressionEvaluator.
 */
class RegressorTest {

    static NetworkSpec network(int outputs) {
        return NetworkSpec.builder(3)
                .dense(16, Activation.TANH)
                .dense(16, Activation.TANH)
                .dense(outputs)
                .build();
    }

    static NeuralNetworkRegressor regressor(int outputs) {
        return new NeuralNetworkRegressor()
                .setNetwork(network(outputs))
                .setMaxEpochs(40)
                .setBatchSize(32)
                .setLearningRate(0.01)
                .setSeed(17);
    }

    @Test
    void singleOutputLearnsACurveAndFeedsRegressionEvaluator() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> train = Curves.table(spark, 800, 31);
        Dataset<Row> test = Curves.table(spark, 300, 32);
        NeuralNetworkRegressionModel model = regressor(1).setLabelCol("y").fit(train);
        assertEquals(1, model.numOutputs());

        Dataset<Row> scored = model.transform(test);
        assertEquals(DataTypes.DoubleType, scored.schema().apply("prediction").dataType());
        RegressionEvaluator evaluator =
                new RegressionEvaluator().setLabelCol("y").setPredictionCol("prediction");
        double rmse = evaluator.setMetricName("rmse").evaluate(scored);
        double r2 = evaluator.setMetricName("r2").evaluate(scored);
        double mae = evaluator.setMetricName("mae").evaluate(scored);
        double labelStd = scored.agg(org.apache.spark.sql.functions.stddev_pop("y"))
                .first()
                .getDouble(0);
        System.out.printf(
                Locale.ROOT, "single output: rmse %.4f r2 %.4f mae %.4f (label std %.3f)%n", rmse, r2, mae, labelStd);
        // Measured: rmse 0.031, r2 0.9993, mae 0.025 on a noise-free target with std 1.14. The
        // bounds leave room for another backend or summation order, not for a model that fails
        // to learn (predicting the mean gives rmse 1.14, r2 0).
        assertTrue(rmse < 0.1, "rmse " + rmse);
        assertTrue(r2 > 0.99, "r2 " + r2);
        assertTrue(mae <= rmse, "mae " + mae + " must not exceed rmse " + rmse);

        // The evaluator's figure is the plain RMSE of the predictions.
        double sum = 0;
        List<Row> rows = scored.select("y", "prediction").collectAsList();
        for (Row r : rows) {
            double e = r.getDouble(0) - r.getDouble(1);
            sum += e * e;
        }
        assertEquals(Math.sqrt(sum / rows.size()), rmse, 1e-9);
    }

    @Test
    void twoOutputsLearnFromAnArrayLabel() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> train = Curves.table(spark, 800, 33);
        Dataset<Row> test = Curves.table(spark, 300, 34);
        NeuralNetworkRegressionModel model = regressor(2).setLabelCol("ys").fit(train);
        assertEquals(2, model.numOutputs());

        Dataset<Row> scored = model.transform(test);
        assertEquals(
                SQLDataTypes.VectorType(), scored.schema().apply("prediction").dataType());
        Row first = scored.select("features", "prediction").first();
        assertEquals(2, ((Vector) first.get(1)).size());

        // One RegressionEvaluator per output, on the output's column of the prediction vector.
        Dataset<Row> perOutput = scored.withColumn("p", vector_to_array(col("prediction"), "float64"))
                .select(
                        col("ys").getItem(0).as("y0"), col("p").getItem(0).as("p0"),
                        col("ys").getItem(1).as("y1"), col("p").getItem(1).as("p1"));
        for (int k = 0; k < 2; k++) {
            RegressionEvaluator evaluator =
                    new RegressionEvaluator().setLabelCol("y" + k).setPredictionCol("p" + k);
            double rmse = evaluator.setMetricName("rmse").evaluate(perOutput);
            double r2 = evaluator.setMetricName("r2").evaluate(perOutput);
            System.out.printf(Locale.ROOT, "output %d: rmse %.4f r2 %.4f%n", k, rmse, r2);
            // Measured: rmse 0.023 / 0.012, r2 0.9987 / 0.9996 (targets a + b^2 and c/2 - a, both
            // with std about 0.65); loose bounds as above.
            assertTrue(rmse < 0.1, "output " + k + " rmse " + rmse);
            assertTrue(r2 > 0.98, "output " + k + " r2 " + r2);
        }
    }
}
