package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.Blobs;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tuning, binary AUC, fine-tuning with frozen layers and multi-worker training through the Estimator. */
class EstimatorTrainingTest {
    private static final VectorAssembler ASSEMBLER = new VectorAssembler()
            .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
            .setOutputCol("raw");

    /** The raw columns scaled by hand so the tests need no scaler stage. */
    private static Dataset<Row> data(SparkSession spark, int rows, int classes, long seed) {
        Dataset<Row> t = Blobs.table(spark, rows, classes, seed);
        return t.selectExpr("x0 / 100 as x0", "x1", "x2 * 100 as x2", "x3 - 50 as x3", "label");
    }

    private static Dataset<Row> features(SparkSession spark, int rows, int classes, long seed) {
        return new VectorAssembler()
                .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features")
                .transform(data(spark, rows, classes, seed));
    }

    @Test
    void crossValidatorTunesLearningRateAndBatchSize() {
        SparkSession spark = TestSpark.session();
        NeuralNetworkClassifier nn = new NeuralNetworkClassifier()
                .setNetwork(NetworkSpec.builder(4)
                        .dense(16, Activation.RELU)
                        .dense(3, Activation.SOFTMAX)
                        .build())
                .setMaxEpochs(4)
                .setSeed(3);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(nn.learningRate(), new double[] {1e-4, 3e-2})
                .addGrid(nn.batchSize(), new int[] {16, 64})
                .build();
        assertEquals(4, grid.length);
        CrossValidator cv = new CrossValidator()
                .setEstimator(nn)
                .setEstimatorParamMaps(grid)
                .setNumFolds(2)
                .setSeed(1)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"));
        CrossValidatorModel model = cv.fit(features(spark, 600, 3, 11));
        double[] metrics = model.avgMetrics();
        assertEquals(4, metrics.length);
        int best = 0;
        for (int i = 1; i < metrics.length; i++) {
            if (metrics[i] > metrics[best]) {
                best = i;
            }
        }
        NeuralNetworkClassificationModel bestModel = (NeuralNetworkClassificationModel) model.bestModel();
        // 4 epochs at 1e-4 barely move the weights; the tuned learning rate must be the large one.
        assertEquals(3e-2, (double) grid[best].apply(nn.learningRate()), 0.0);
        assertTrue(metrics[best] > 0.7, "best cross-validated accuracy " + metrics[best]);
        assertNotEquals(metrics[0], metrics[best]);
        assertEquals(3, bestModel.numClasses());
    }

    @Test
    void binaryTaskWithOneSigmoidUnitGivesAuc() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> df = features(spark, 2000, 2, 21);
        Dataset<Row>[] split = df.randomSplit(new double[] {0.8, 0.2}, 3);
        NeuralNetworkClassifier nn = new NeuralNetworkClassifier()
                .setNetwork(NetworkSpec.builder(4)
                        .dense(32, Activation.RELU)
                        .dense(1, Activation.SIGMOID)
                        .build())
                .setMaxEpochs(15)
                .setBatchSize(32)
                .setLearningRate(0.01)
                .setSeed(9);
        NeuralNetworkClassificationModel model = nn.fit(split[0]);
        assertEquals(2, model.numClasses());
        Dataset<Row> scored = model.transform(split[1]);
        double auc = new BinaryClassificationEvaluator()
                .setMetricName("areaUnderROC")
                .evaluate(scored);
        System.out.printf("binary (1 sigmoid unit) AUC %.4f%n", auc);
        assertTrue(auc > 0.9, "AUC " + auc);
        Row r = scored.select("rawPrediction", "probability").first();
        org.apache.spark.ml.linalg.Vector raw = r.getAs(0);
        org.apache.spark.ml.linalg.Vector p = r.getAs(1);
        assertEquals(-raw.apply(0), raw.apply(1), 1e-9);
        assertEquals(1.0, p.apply(0) + p.apply(1), 1e-9);
        assertEquals(1 / (1 + Math.exp(-raw.apply(1))), p.apply(1), 1e-6);
    }

    @Test
    void fineTuningWithFrozenLayersChangesOnlyTheUnfrozenWeights(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        NetworkSpec spec = NetworkSpec.builder(4)
                .dense(8, Activation.TANH)
                .dense(8, Activation.TANH)
                .dense(3, Activation.SOFTMAX)
                .build();
        NeuralNetworkClassifier base = new NeuralNetworkClassifier()
                .setNetwork(spec)
                .setMaxEpochs(3)
                .setSeed(2)
                .setLearningRate(0.01);
        NeuralNetworkClassificationModel first = base.fit(features(spark, 500, 3, 31));
        String path = dir.resolve("base").toString();
        first.write().save(path);

        NeuralNetworkClassificationModel tuned = new NeuralNetworkClassifier()
                .setNetwork(spec)
                .setMaxEpochs(2)
                .setSeed(4)
                .setLearningRate(0.01)
                .setInitialModelPath(path)
                .setFrozenLayers(new int[] {0, 1})
                .setOptimizer("{\"name\":\"adamw\",\"weightDecay\":0.1}")
                .fit(features(spark, 500, 3, 32));
        float[] before = first.data().weights();
        float[] after = tuned.data().weights();
        int frozen = 4 * 8 + 8 + 8 * 8 + 8; // layers 0 and 1: kernels and biases
        for (int i = 0; i < frozen; i++) {
            assertEquals(before[i], after[i], 0f, "frozen weight " + i + " changed (even with decoupled weight decay)");
        }
        int changed = 0;
        for (int i = frozen; i < before.length; i++) {
            changed += before[i] != after[i] ? 1 : 0;
        }
        assertEquals(before.length - frozen, changed, "every weight of the unfrozen last layer must move");
    }

    @Test
    void twoWorkersTrainThroughTheEstimator() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> df = features(spark, 2000, 3, 41);
        Dataset<Row>[] split = df.randomSplit(new double[] {0.8, 0.2}, 5);
        NeuralNetworkClassifier nn = new NeuralNetworkClassifier()
                .setNetwork(NetworkSpec.builder(4)
                        .dense(32, Activation.RELU)
                        .dense(3, Activation.SOFTMAX)
                        .build())
                .setMaxEpochs(10)
                .setBatchSize(64)
                .setLearningRate(0.01)
                .setSeed(8)
                .setNumWorkers(2)
                .setValidationFraction(0.1)
                .setEarlyStoppingPatience(3)
                .setProvenance("{\"table\":\"/data/blobs\",\"version\":3}");
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {nn}).fit(split[0]);
        NeuralNetworkClassificationModel m = (NeuralNetworkClassificationModel) model.stages()[0];
        assertTrue(!Double.isNaN(m.summary().history().get(0).validationLoss()), "validation metrics per epoch");
        assertEquals("3", m.summary().provenance().get("version"));
        assertEquals("/data/blobs", m.summary().provenance().get("table"));
        assertEquals(
                m.summary().history().size(), m.summary().historyFrame(spark).count());
        double accuracy = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy")
                .evaluate(model.transform(split[1]));
        System.out.printf(
                "2 workers through the estimator: accuracy %.4f after %d epochs%n",
                accuracy, m.summary().history().size());
        assertTrue(accuracy > 0.75, "accuracy " + accuracy);
    }
}
