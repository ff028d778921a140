package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import io.sparknn.ml.regression.NeuralNetworkRegressor;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.Blobs;
import io.sparknn.testkit.SparkExtension;
import io.sparknn.testkit.TestSpark;
import io.sparknn.train.EpochStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving and loading the estimators and models: every param survives (as in Spark's
 * DefaultReadWriteTest), loaded models predict exactly what the saved ones did, corrupt or
 * foreign directories fail with a message naming the path and the problem. The round trip
 * through HDFS is in integration-tests (HdfsPersistenceTest).
 */
// save() and load() use the active session, so it must exist before the first of them.
@ExtendWith(SparkExtension.class)
class PersistenceTest {
    private static final NetworkSpec CLASSIFIER_NET = NetworkSpec.builder(4)
            .dense(6, Activation.TANH)
            .dense(3, Activation.SOFTMAX)
            .build();
    private static final NetworkSpec REGRESSOR_NET = NetworkSpec.builder(3)
            .dense(8, Activation.TANH)
            .dense(2, Activation.LINEAR)
            .build();

    // ---------------------------------------------------------------- (a) every param round-trips

    /** A non-default value for every training param of the estimators. */
    static Map<String, Object> trainingParams(NetworkSpec network) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("network", network.toJson());
        v.put("optimizer", "{\"name\":\"adamw\",\"beta1\":0.8,\"weightDecay\":0.02}");
        v.put("learningRate", 0.05);
        v.put("batchSize", 17);
        v.put("maxEpochs", 3);
        v.put("validationFraction", 0.25);
        v.put("validationIndicatorCol", "isValidation");
        v.put("earlyStoppingPatience", 2);
        v.put("seed", 42L);
        v.put("numWorkers", 2);
        v.put("threadsPerWorker", 2);
        v.put("checkpointDir", "hdfs://namenode:8020/checkpoints/run-7");
        v.put("checkpointInterval", 3);
        v.put("initialModelPath", "/models/base");
        v.put("frozenLayers", new int[] {0, 2});
        v.put("weightCol", "w");
        v.put("gradientClipNorm", 1.5);
        v.put("provenance", "{\"table\":\"/delta/events\",\"version\":7}");
        v.put("tensorboardDir", "hdfs://namenode:8020/tensorboard");
        return v;
    }

    /** A non-default value for every column/scoring param of the estimators and models. */
    static Map<String, Object> columnParams() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("featuresCol", "f");
        v.put("labelCol", "y");
        v.put("predictionCol", "pred");
        v.put("rawPredictionCol", "raw");
        v.put("probabilityCol", "prob");
        v.put("thresholds", new double[] {0.5, 0.3, 0.2});
        v.put("inferenceBatchSize", 100);
        v.put("nonFiniteOutput", "null");
        return v;
    }

    /** Sets every param of {@code stage} from {@code values}, failing when a param has no value there. */
    @SuppressWarnings("unchecked")
    static <T extends Params> T setEveryParam(T stage, Map<String, Object> values) {
        List<String> missing = new ArrayList<>();
        for (Param<?> p : stage.params()) {
            if (!values.containsKey(p.name())) {
                missing.add(p.name());
                continue;
            }
            stage.set((Param<Object>) p, values.get(p.name()));
        }
        assertTrue(
                missing.isEmpty(),
                stage.getClass().getSimpleName() + " has params this test gives no value: " + missing
                        + ". Add a non-default value for each.");
        for (Param<?> p : stage.params()) {
            Object dflt = stage.getDefault(p).isDefined() ? stage.getDefault(p).get() : null;
            assertTrue(
                    !Objects.deepEquals(stage.getOrDefault(p), dflt), p.name() + " must be set to a non-default value");
        }
        return stage;
    }

    static void assertSameParams(Params expected, Params actual) {
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.uid(), actual.uid());
        assertEquals(expected.params().length, actual.params().length);
        for (Param<?> p : expected.params()) {
            Param<?> q = actual.getParam(p.name());
            assertEquals(expected.isSet(p), actual.isSet(q), p.name() + " isSet");
            assertEquals(expected.isDefined(p), actual.isDefined(q), p.name() + " isDefined");
            if (expected.isDefined(p)) {
                Object a = expected.getOrDefault(p);
                Object b = actual.getOrDefault(q);
                assertTrue(Objects.deepEquals(a, b), p.name() + ": saved " + show(a) + ", loaded " + show(b));
            }
        }
    }

    private static String show(Object v) {
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        return v instanceof double[] d ? Arrays.toString(d) : String.valueOf(v);
    }

    static <T extends Params & MLWritable> T roundTrip(T stage, Path dir, Function<String, T> load) throws IOException {
        String path = dir.resolve(stage.uid()).toString();
        stage.write().save(path);
        return load.apply(path);
    }

    /** A model of {@code spec} with seeded weights and a two-epoch summary, without training. */
    static LearnedNetwork modelData(NetworkSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[(int) spec.paramCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextDouble(-1, 1);
        }
        List<EpochStats> history = List.of(
                new EpochStats(1, 0.9, 0.5, 1.0, 0.45, 200, 1.25), new EpochStats(2, 0.7, 0.6, 0.8, 0.55, 200, 1.0));
        return new LearnedNetwork(
                spec, w, new TrainingSummary(history, Map.of("table", "/delta/events", "version", "7")));
    }

    static void assertSameData(LearnedNetwork expected, LearnedNetwork actual) {
        assertEquals(expected.spec(), actual.spec());
        assertArrayEquals(expected.weights(), actual.weights());
        assertEquals(expected.summary().history(), actual.summary().history());
        assertEquals(expected.summary().provenance(), actual.summary().provenance());
    }

    @Test
    void classifierParamsRoundTrip(@TempDir Path dir) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>(trainingParams(CLASSIFIER_NET));
        values.putAll(columnParams());
        NeuralNetworkClassifier nn = setEveryParam(new NeuralNetworkClassifier(), values);
        assertSameParams(nn, roundTrip(nn, dir, NeuralNetworkClassifier::load));
    }

    @Test
    void regressorParamsRoundTrip(@TempDir Path dir) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>(trainingParams(REGRESSOR_NET));
        values.putAll(columnParams());
        NeuralNetworkRegressor nn = setEveryParam(new NeuralNetworkRegressor(), values);
        assertSameParams(nn, roundTrip(nn, dir, NeuralNetworkRegressor::load));
    }

    @Test
    void classificationModelParamsAndDataRoundTrip(@TempDir Path dir) throws IOException {
        NeuralNetworkClassificationModel model = setEveryParam(
                new NeuralNetworkClassificationModel("nnClassifier_0a1b", modelData(CLASSIFIER_NET, 3)),
                columnParams());
        NeuralNetworkClassificationModel back = roundTrip(model, dir, NeuralNetworkClassificationModel::load);
        assertSameParams(model, back);
        assertSameData(model.data(), back.data());
    }

    @Test
    void regressionModelParamsAndDataRoundTrip(@TempDir Path dir) throws IOException {
        NeuralNetworkRegressionModel model = setEveryParam(
                new NeuralNetworkRegressionModel("nnRegressor_0a1b", modelData(REGRESSOR_NET, 4)), columnParams());
        NeuralNetworkRegressionModel back = roundTrip(model, dir, NeuralNetworkRegressionModel::load);
        assertSameParams(model, back);
        assertSameData(model.data(), back.data());
    }

    // ------------------------------------------------- (b) loaded models predict exactly the same

    static void assertSamePredictions(Dataset<Row> expected, Dataset<Row> actual, String... columns) {
        String first = columns[0];
        String[] rest = Arrays.copyOfRange(columns, 1, columns.length);
        List<Row> a = expected.select(first, rest).collectAsList();
        List<Row> b = actual.select(first, rest).collectAsList();
        assertEquals(a.size(), b.size());
        assertEquals(a, b, "a loaded model must predict exactly what the saved one did");
    }

    @Test
    void fittedClassifierPredictsIdenticallyAfterLoad(@TempDir Path dir) throws IOException {
        SparkSession spark = TestSpark.session();
        Dataset<Row> df = new VectorAssembler()
                .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features")
                .transform(Blobs.table(spark, 200, 3, 21));
        NeuralNetworkClassificationModel model = new NeuralNetworkClassifier()
                .setNetwork(CLASSIFIER_NET)
                .setMaxEpochs(2)
                .setBatchSize(32)
                .setSeed(3)
                .fit(df);
        NeuralNetworkClassificationModel back = roundTrip(model, dir, NeuralNetworkClassificationModel::load);
        assertSameParams(model, back);
        assertEquals(2, back.summary().history().size());
        assertSamePredictions(model.transform(df), back.transform(df), "rawPrediction", "probability", "prediction");
    }

    @Test
    void fittedRegressorPredictsIdenticallyAfterLoad(@TempDir Path dir) throws IOException {
        Dataset<Row> df = Curves.table(TestSpark.session(), 200, 22);
        NeuralNetworkRegressionModel model = new NeuralNetworkRegressor()
                .setNetwork(NetworkSpec.builder(3)
                        .dense(8, Activation.TANH)
                        .dense(1)
                        .build())
                .setLabelCol("y")
                .setMaxEpochs(2)
                .setBatchSize(32)
                .setSeed(3)
                .fit(df);
        NeuralNetworkRegressionModel back = roundTrip(model, dir, NeuralNetworkRegressionModel::load);
        assertSameParams(model, back);
        assertSamePredictions(model.transform(df), back.transform(df), "prediction");
    }

    @Test
    void fittedMultiOutputRegressorPredictsIdenticallyAfterLoad(@TempDir Path dir) throws IOException {
        Dataset<Row> df = Curves.table(TestSpark.session(), 200, 23);
        NeuralNetworkRegressionModel model = new NeuralNetworkRegressor()
                .setNetwork(REGRESSOR_NET)
                .setLabelCol("ys")
                .setMaxEpochs(2)
                .setBatchSize(32)
                .setSeed(3)
                .fit(df);
        NeuralNetworkRegressionModel back = roundTrip(model, dir, NeuralNetworkRegressionModel::load);
        assertSameParams(model, back);
        assertEquals(2, back.numOutputs());
        assertSamePredictions(model.transform(df), back.transform(df), "prediction");
    }

    // ------------------------------------------------------- (c) corrupt and foreign directories

    /** A saved classification model to corrupt, in its own directory under {@code dir}. */
    static Path savedClassifier(Path dir) throws IOException {
        Path path = dir.resolve("model");
        new NeuralNetworkClassificationModel("nnClassifier_c0", modelData(CLASSIFIER_NET, 5)).save(path.toString());
        return path;
    }

    static String loadFails(Path path) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> NeuralNetworkClassificationModel.load(path.toString()));
        assertTrue(e.getMessage().contains(path.toString()), "the message must name the path: " + e.getMessage());
        return e.getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in the message: " + message);
        }
    }

    @Test
    void loadingADirectoryWithoutModelDataFails(@TempDir Path dir) throws IOException {
        Path path = savedClassifier(dir);
        Files.delete(path.resolve("data").resolve("model.spnn"));
        String m = loadFails(path);
        assertMentions(m, "model.spnn does not exist", "not a saved spark-nn model");
    }

    /** Copied without its Hadoop .crc file, so the model file's own checks must catch it. */
    @Test
    void loadingATruncatedModelFileFails(@TempDir Path dir) throws IOException {
        Path path = savedClassifier(dir);
        Path file = path.resolve("data").resolve("model.spnn");
        Files.delete(path.resolve("data").resolve(".model.spnn.crc"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        String m = loadFails(path);
        assertMentions(m, "model.spnn", "truncated");
    }

    /** Truncated in place: the local file system's .crc file no longer matches. */
    @Test
    void loadingAModelFileThatFailsTheFileSystemChecksumFails(@TempDir Path dir) throws IOException {
        Path path = savedClassifier(dir);
        Path file = path.resolve("data").resolve("model.spnn");
        assertTrue(Files.exists(path.resolve("data").resolve(".model.spnn.crc")));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        String m = loadFails(path);
        assertMentions(m, "model.spnn is corrupted", "checksum", "Save the model again");
    }

    @Test
    void loadingAModelWhoseMetadataIsAnotherStagesFails(@TempDir Path dir) throws IOException {
        Path path = savedClassifier(dir);
        Path other = dir.resolve("regressor");
        new NeuralNetworkRegressionModel("nnRegressor_c1", modelData(REGRESSOR_NET, 6)).save(other.toString());
        deleteRecursively(path.resolve("metadata"));
        copyRecursively(other.resolve("metadata"), path.resolve("metadata"));
        String m = loadFails(path);
        assertMentions(
                m,
                "holds a " + NeuralNetworkRegressionModel.class.getName(),
                "not a " + NeuralNetworkClassificationModel.class.getName(),
                "NeuralNetworkRegressionModel.load(path)");
    }

    @Test
    void loadingUnreadableMetadataFails(@TempDir Path dir) throws IOException {
        Path path = savedClassifier(dir);
        Path metadata = path.resolve("metadata");
        deleteRecursively(metadata);
        Files.createDirectories(metadata);
        Files.writeString(metadata.resolve("part-00000"), "{\"class\": \"io.sparknn");
        String m = loadFails(path);
        assertMentions(m, "unreadable metadata", "corrupted");
    }

    @Test
    void loadingAForeignModelFails(@TempDir Path dir) throws IOException {
        Dataset<Row> df = new VectorAssembler()
                .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features")
                .transform(Blobs.table(TestSpark.session(), 60, 2, 24));
        Path path = dir.resolve("lr");
        new LogisticRegression().setMaxIter(3).fit(df).save(path.toString());
        String m = loadFails(path);
        assertMentions(
                m,
                "holds a org.apache.spark.ml.classification.LogisticRegressionModel",
                "not a " + NeuralNetworkClassificationModel.class.getName(),
                "LogisticRegressionModel.load(path)");
    }

    @Test
    void loadingADirectoryThatIsNotASavedStageFails(@TempDir Path dir) {
        String m = loadFails(dir.resolve("nothing-here"));
        assertMentions(m, "is not a saved Spark ML stage", "metadata");
    }

    static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
