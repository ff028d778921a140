package io.sparknn.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.spark.RejectedInputException;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.ml.regression.NeuralNetworkRegressor;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input fails with an {@link IllegalArgumentException} whose message names the
 * column or param, the offending value and the fix: params and the schema on the driver before
 * any job, values in the training stage's one read of the rows, before the first step. One test
 * per case.
 */
class BadInputTest {
    private static final int ROWS = 30;
    private static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), true)
            .add("label", DataTypes.DoubleType, true)
            .add("w", DataTypes.DoubleType, true);

    private static SparkSession spark;
    private static TrainingJobCounter trainingJobs;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
        trainingJobs = TrainingJobCounter.register(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        trainingJobs.close();
    }

    static NetworkSpec network(int inputs, int outputs, Activation last) {
        return NetworkSpec.builder(inputs)
                .dense(8, Activation.RELU)
                .dense(outputs, last)
                .build();
    }

    /** A classifier that trains fine on {@link #table}: 4 features, 3 classes, 1 epoch. */
    static NeuralNetworkClassifier classifier() {
        return new NeuralNetworkClassifier()
                .setNetwork(network(4, 3, Activation.SOFTMAX))
                .setMaxEpochs(1)
                .setBatchSize(8)
                .setSeed(1);
    }

    /** {@value #ROWS} valid rows (labels 0, 1, 2; weight 1), with {@code edit} applied to row 7. */
    static Dataset<Row> table(UnaryOperator<Object[]> edit) {
        SplittableRandom rng = new SplittableRandom(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Object[] r = {
                Vectors.dense(rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), rng.nextDouble()),
                (double) (i % 3),
                1.0
            };
            rows.add(RowFactory.create(i == 7 ? edit.apply(r) : r));
        }
        return TestSpark.session().createDataFrame(rows, SCHEMA);
    }

    static Dataset<Row> table() {
        return table(r -> r);
    }

    static UnaryOperator<Object[]> set(int field, Object value) {
        return r -> {
            r[field] = value;
            return r;
        };
    }

    static Vector features(double... v) {
        return Vectors.dense(v);
    }

    /** Runs {@code fit}, which must throw an IllegalArgumentException before any training job. */
    static String failsBeforeTraining(Executable fit) {
        long before = trainingJobs.count();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, fit);
        assertEquals(
                before, trainingJobs.count(), "a training job ran before the input was rejected: " + e.getMessage());
        return e.getMessage();
    }

    /**
     * Runs {@code fit}, which must throw an IllegalArgumentException from the training stage's own
     * read of the rows: the workers audit every value as they materialise their partitions and stop
     * before the first step. No other job reads the input first.
     */
    static String rejectedBeforeTheFirstStep(Executable fit) {
        long before = trainingJobs.count();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, fit);
        assertEquals(
                before + 1, trainingJobs.count(), "one training stage, which rejected the rows: " + e.getMessage());
        boolean rejected = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            rejected |= t instanceof RejectedInputException;
        }
        assertTrue(rejected, "the workers rejected the rows before training: " + e);
        return e.getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in the message: " + message);
        }
    }

    @Test
    void theCounterSeesTheTrainingJobOfAValidFit() {
        long before = trainingJobs.count();
        classifier().fit(table());
        assertEquals(before + 1, trainingJobs.count());
    }

    @Test
    void missingFeaturesColumn() {
        String m =
                failsBeforeTraining(() -> classifier().setFeaturesCol("pixels").fit(table()));
        assertMentions(m, "'pixels'", "does not exist", "[features, label, w]", "featuresCol");
    }

    @Test
    void missingLabelColumn() {
        String m = failsBeforeTraining(() -> classifier().setLabelCol("target").fit(table()));
        assertMentions(m, "'target'", "does not exist", "[features, label, w]", "labelCol");
    }

    @Test
    void featuresOfTypeString() {
        Dataset<Row> df = table().withColumn("text", lit("0.1,0.2,0.3,0.4"));
        String m = failsBeforeTraining(() -> classifier().setFeaturesCol("text").fit(df));
        assertMentions(m, "'text'", "type string", "VectorAssembler");
    }

    @Test
    void labelOfTypeString() {
        Dataset<Row> df =
                table().withColumn("label", when(col("label").equalTo(0), "cat").otherwise("dog"));
        String m = failsBeforeTraining(() -> classifier().fit(df));
        assertMentions(m, "'label'", "type string", "StringIndexer");
    }

    @Test
    void nullFeatures() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(0, null))));
        assertMentions(m, "'features'", "null in 1 row(s)", "Drop or impute");
    }

    @Test
    void nullLabel() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(1, null))));
        assertMentions(m, "'label'", "null in 1 row(s)", "Drop rows without a label");
    }

    @Test
    void nanInFeatures() {
        String m =
                rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(0, features(0.1, Double.NaN, 0.3, 0.4)))));
        assertMentions(
                m,
                "Column 'features' has NaN at position 1 in row 7 (counting from 0 in the DataFrame's order)",
                "1 row(s)",
                "Imputer");
    }

    @Test
    void infinityInFeatures() {
        String m = rejectedBeforeTheFirstStep(() ->
                classifier().fit(table(set(0, features(0.1, 0.2, Double.NEGATIVE_INFINITY, 0.4)))));
        assertMentions(m, "Column 'features' has -Infinity at position 2 in row 7", "Replace or drop");
    }

    /**
     * Float arrays without null elements take the array_max/array_min check, arrays that may
     * hold nulls the element-wise one: both must find NaN, +Infinity and -Infinity.
     */
    @Test
    void nonFiniteValuesInArrayFeatures() {
        for (boolean containsNull : new boolean[] {false, true}) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                Dataset<Row> arrays = table(set(0, features(0.1, 0.2, bad, 0.4)))
                        .select(
                                org.apache
                                        .spark
                                        .ml
                                        .functions
                                        .vector_to_array(org.apache.spark.sql.functions.col("features"), "float32")
                                        .cast(DataTypes.createArrayType(DataTypes.FloatType, containsNull))
                                        .as("features"),
                                org.apache.spark.sql.functions.col("label"));
                String m = rejectedBeforeTheFirstStep(() -> classifier().fit(arrays));
                assertMentions(m, "Column 'features' has " + (double) bad + " at position 2 in row 7", "1 row(s)");
            }
        }
    }

    /** 1e300 is a finite double but Infinity as the float the network computes in. */
    @Test
    void featureBeyondFloatRange() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(0, features(0.1, 0.2, 1e300, 0.4)))));
        assertMentions(
                m,
                "Column 'features' has 1.0E300 at position 2 in row 7",
                "beyond the float range",
                "1 row(s)",
                "StandardScaler");
    }

    @Test
    void nullElementInAFeatureArrayIsReportedAsNull() {
        Dataset<Row> arrays = table().select(
                        org.apache
                                .spark
                                .ml
                                .functions
                                .vector_to_array(col("features"), "float64")
                                .cast(DataTypes.createArrayType(DataTypes.DoubleType, true))
                                .as("features"),
                        col("label"));
        List<Row> rows = new ArrayList<>(arrays.collectAsList());
        Row r7 = rows.get(7);
        rows.set(7, RowFactory.create(java.util.Arrays.asList(0.1, 0.2, null, 0.4), r7.get(1)));
        Dataset<Row> df = spark.createDataFrame(rows, arrays.schema());
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(df));
        assertMentions(m, "Column 'features' has a null at position 2 in row 7", "1 row(s)", "Impute");
    }

    @Test
    void regressionLabelBeyondFloatRange() {
        NeuralNetworkRegressor nn = new NeuralNetworkRegressor()
                .setNetwork(network(4, 1, Activation.LINEAR))
                .setMaxEpochs(1)
                .setBatchSize(8);
        String m = rejectedBeforeTheFirstStep(() -> nn.fit(table(set(1, 1e300))));
        assertMentions(m, "Column 'label' has 1.0E300 in row 7", "beyond the float range", "scale labels");
    }

    @Test
    void weightBeyondFloatRange() {
        String m =
                rejectedBeforeTheFirstStep(() -> classifier().setWeightCol("w").fit(table(set(2, -1e39))));
        assertMentions(m, "Column 'w' has -1.0E39 in row 7", "beyond the float range");
    }

    /** (int) 3e9 + 1 overflowed to "-2147483648 softmax units". */
    @Test
    void aLabelBeyondIntRangeIsNotAClassIndex() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(1, 3e9))));
        assertMentions(m, "'label'", "has the label 3000000000", "0..k-1", "StringIndexer");
        assertTrue(!m.contains("-2147483648"), m);
    }

    @Test
    void nanLabel() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(1, Double.NaN))));
        assertMentions(m, "Column 'label' has NaN in row 7", "1 row(s)", "Drop rows");
    }

    @Test
    void vectorLengthDiffersFromNetworkInput() {
        NeuralNetworkClassifier nn = classifier().setNetwork(network(5, 3, Activation.SOFTMAX));
        String m = rejectedBeforeTheFirstStep(() -> nn.fit(table()));
        assertMentions(m, "'features'", "has 4 values", "expects 5", "VectorAssembler");
    }

    @Test
    void labelNotAnInteger() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(1, 1.5))));
        assertMentions(m, "'label'", "1.5", "integers", "StringIndexer");
    }

    @Test
    void negativeLabel() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(1, -1.0))));
        assertMentions(m, "'label'", "-1", "integers 0, 1, 2", "StringIndexer");
    }

    @Test
    void labelEqualToTheNumberOfOutputs() {
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(table(set(1, 3.0))));
        assertMentions(m, "'label'", "class 3", "3 output(s)", "0..2", "4 softmax units");
    }

    @Test
    void negativeWeight() {
        String m =
                rejectedBeforeTheFirstStep(() -> classifier().setWeightCol("w").fit(table(set(2, -0.5))));
        assertMentions(m, "'w'", "-0.5", ">= 0");
    }

    @Test
    void nullWeight() {
        String m =
                rejectedBeforeTheFirstStep(() -> classifier().setWeightCol("w").fit(table(set(2, null))));
        assertMentions(m, "Column 'w' has a null in row 7", "1 row(s)", "finite weight");
    }

    @Test
    void emptyDataset() {
        String m = failsBeforeTraining(() -> classifier().fit(table().limit(0)));
        assertMentions(m, "empty", "input table");
    }

    @Test
    void batchSizeLargerThanTheDataset() {
        String m =
                rejectedBeforeTheFirstStep(() -> classifier().setBatchSize(64).fit(table()));
        assertMentions(m, "batchSize 64", ROWS + " training rows", "Lower batchSize");
    }

    /** The per-step buffers hold batchSize rows of the widest layer in one float array. */
    @Test
    void batchSizeTooLargeForOneArray() {
        NeuralNetworkClassifier nn = classifier()
                .setNetwork(NetworkSpec.builder(4)
                        .dense(100_000, Activation.RELU)
                        .dense(3, Activation.SOFTMAX)
                        .build())
                .setBatchSize(30_000);
        String m = failsBeforeTraining(() -> nn.fit(table()));
        assertMentions(m, "batchSize 30000 is too large", "100000 values (its widest layer)", "at most 21474");
    }

    @Test
    void fiveClassesForAThreeUnitSoftmax() {
        Dataset<Row> df = table().withColumn("label", col("label").plus(col("label")));
        String m = rejectedBeforeTheFirstStep(() -> classifier().fit(df));
        assertMentions(m, "'label'", "class 4", "3 output(s)", "5 softmax units");
    }

    @Test
    void lastLayerNeitherSoftmaxNorSigmoid() {
        NeuralNetworkClassifier nn = classifier().setNetwork(network(4, 3, Activation.RELU));
        String m = failsBeforeTraining(() -> nn.fit(table()));
        assertMentions(m, "softmax", "ends in relu with 3 output(s)", "\"softmax\"");
    }

    @Test
    void frozenLayerThatDoesNotExist() {
        NeuralNetworkClassifier nn = classifier().setFrozenLayers(new int[] {0, 5});
        String m = failsBeforeTraining(() -> nn.fit(table()));
        assertMentions(m, "frozenLayers", "layer 5", "layers 0..1");
    }

    @Test
    void initialModelOfADifferentNetwork(@TempDir Path dir) throws Exception {
        NetworkSpec other = network(4, 2, Activation.SOFTMAX);
        String path = dir.resolve("other-model").toString();
        new NeuralNetworkClassificationModel(
                        "other",
                        new LearnedNetwork(other, new float[(int) other.paramCount()], TrainingSummary.empty()))
                .save(path);
        NeuralNetworkClassifier nn = classifier().setInitialModelPath(path);
        String m = failsBeforeTraining(() -> nn.fit(table()));
        assertMentions(m, "initialModelPath", path, "different network", "same network");
    }

    @Test
    void networkNotSet() {
        String m = failsBeforeTraining(() -> new NeuralNetworkClassifier().fit(table()));
        assertMentions(m, "network param is not set", "setNetwork");
    }

    @Test
    void invalidNetworkJson() {
        String m = failsBeforeTraining(() -> classifier()
                .setNetwork("{\"inputShape\":[4],\"layers\":[{\"type\":")
                .fit(table()));
        assertMentions(m, "network param", "not a valid network", "does not parse");
    }

    @Test
    void unknownOptimizer() {
        String m = failsBeforeTraining(() -> classifier().setOptimizer("adamm").fit(table()));
        assertMentions(m, "optimizer", "'adamm'", "sgd, adam, adamw, rmsprop, adagrad");
    }

    @Test
    void regressorLabelOfTypeString() {
        Dataset<Row> df = table().withColumn("label", lit("3.5"));
        NeuralNetworkRegressor nn = new NeuralNetworkRegressor()
                .setNetwork(network(4, 1, Activation.LINEAR))
                .setMaxEpochs(1)
                .setBatchSize(8);
        String m = failsBeforeTraining(() -> nn.fit(df));
        assertMentions(m, "'label'", "type string", "numeric");
    }

    @Test
    void regressorLabelArrayOfTheWrongWidth() {
        Dataset<Row> df =
                table().withColumn("target", org.apache.spark.sql.functions.array(col("label"), col("label")));
        NeuralNetworkRegressor nn = new NeuralNetworkRegressor()
                .setNetwork(network(4, 3, Activation.LINEAR))
                .setLabelCol("target")
                .setMaxEpochs(1)
                .setBatchSize(8);
        String m = rejectedBeforeTheFirstStep(() -> nn.fit(df));
        assertMentions(m, "'target'", "2 value(s) per row", "3 output(s)");
    }
}
