package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring never writes NaN predictions: a row whose network output is not finite fails the job
 * (default) or, with {@code nonFiniteOutput = "null"}, gets null prediction columns.
 */
class NonFiniteScoringTest {
    /** 3e38 is a finite float, but a Dense layer of weights 1 sums four of them beyond float range. */
    private static final double HUGE = 3e38;

    private static Dataset<Row> rows() {
        StructType schema =
                new StructType().add("id", DataTypes.IntegerType).add("features", SQLDataTypes.VectorType());
        return TestSpark.session()
                .createDataFrame(
                        List.of(
                                RowFactory.create(0, Vectors.dense(0.1, 0.2, 0.3, 0.4)),
                                RowFactory.create(1, Vectors.dense(HUGE, HUGE, HUGE, HUGE)),
                                RowFactory.create(2, Vectors.dense(0.4, 0.3, 0.2, 0.1))),
                        schema)
                .coalesce(1);
    }

    private static LearnedNetwork ones(int outputs, Activation last) {
        NetworkSpec spec = NetworkSpec.builder(4).dense(outputs, last).build();
        float[] w = new float[(int) spec.paramCount()];
        Arrays.fill(w, 1f);
        w[0] = 2f; // so the classes differ on the finite rows
        return new LearnedNetwork(spec, w, TrainingSummary.empty());
    }

    private static NeuralNetworkClassificationModel classifier() {
        return new NeuralNetworkClassificationModel("nf-classifier", ones(3, Activation.SOFTMAX));
    }

    @Test
    void aNonFiniteOutputFailsScoringByDefaultNamingTheRowAndTheOption() {
        Exception e = assertThrows(
                Exception.class, () -> classifier().transform(rows()).collectAsList());
        String m = String.valueOf(e.getMessage());
        assertTrue(m.contains("The network's output 0 is Infinity for row 1 of partition 0"), m);
        assertTrue(m.contains("nonFiniteOutput") && m.contains("'null'"), m);
    }

    @Test
    void withNonFiniteOutputNullTheRowGetsNullPredictionsAndTheOthersAreScored() {
        List<Row> out = classifier()
                .setNonFiniteOutput("null")
                .transform(rows())
                .orderBy("id")
                .collectAsList();
        Row bad = out.get(1);
        assertTrue(bad.isNullAt(bad.fieldIndex("rawPrediction")));
        assertTrue(bad.isNullAt(bad.fieldIndex("probability")));
        assertTrue(bad.isNullAt(bad.fieldIndex("prediction")));
        assertEquals(0.0, out.get(0).getDouble(out.get(0).fieldIndex("prediction")));
        assertFalse(out.get(2).isNullAt(out.get(2).fieldIndex("probability")));
    }

    @Test
    void regressionWithNonFiniteOutputNullGivesANullPrediction() {
        NeuralNetworkRegressionModel m = new NeuralNetworkRegressionModel("nf-regressor", ones(1, Activation.LINEAR));
        assertThrows(Exception.class, () -> m.transform(rows()).collectAsList());
        List<Row> out =
                m.setNonFiniteOutput("null").transform(rows()).orderBy("id").collectAsList();
        assertTrue(out.get(1).isNullAt(out.get(1).fieldIndex("prediction")));
        assertEquals(
                2 * 0.1 + 0.2 + 0.3 + 0.4 + 1, out.get(0).getDouble(out.get(0).fieldIndex("prediction")), 1e-6);
    }

    @Test
    void singleRowPredictFailsOnANonFiniteOutputUnlessNullIsAsked() {
        NeuralNetworkRegressionModel m = new NeuralNetworkRegressionModel("nf-one-row", ones(1, Activation.LINEAR));
        org.apache.spark.ml.linalg.Vector huge = Vectors.dense(HUGE, HUGE, HUGE, HUGE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.predict(huge));
        assertTrue(e.getMessage().startsWith("The network's output 0 is Infinity for these features"), e.getMessage());
        assertTrue(Double.isInfinite(m.setNonFiniteOutput("null").predict(huge)));
        assertThrows(IllegalStateException.class, () -> classifier().predictRaw(huge));
    }

    @Test
    void nonFiniteOutputRejectsOtherValuesAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> classifier().setNonFiniteOutput("skip"));
        String path = dir.resolve("m").toString();
        classifier().setNonFiniteOutput("null").save(path);
        assertEquals("null", NeuralNetworkClassificationModel.load(path).getNonFiniteOutput());
    }

    /** 3,000,000 rows x 784 values overflowed an int into a NegativeArraySizeException inside the task. */
    @Test
    void anInferenceBatchTooLargeForOneArrayIsRejectedOnTheDriver() {
        NetworkSpec spec =
                NetworkSpec.builder(784).dense(10, Activation.SOFTMAX).build();
        NeuralNetworkClassificationModel m = new NeuralNetworkClassificationModel(
                        "big-batch",
                        new LearnedNetwork(spec, new float[(int) spec.paramCount()], TrainingSummary.empty()))
                .setInferenceBatchSize(3_000_000);
        Dataset<Row> df = TestSpark.session()
                .createDataFrame(
                        List.of(RowFactory.create(Vectors.zeros(784))),
                        new StructType().add("features", SQLDataTypes.VectorType()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(df));
        assertTrue(
                e.getMessage()
                        .startsWith("inferenceBatchSize 3000000 is too large for this network: 3000000 rows "
                                + "x 784 values (its widest layer) = 2352000000 floats, more than one Java array holds (2147483639). "
                                + "Set inferenceBatchSize to at most 2739137;"),
                e.getMessage());
    }
}
