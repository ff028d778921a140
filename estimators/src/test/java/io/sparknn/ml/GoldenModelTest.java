package io.sparknn.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.Blobs;
import io.sparknn.testkit.TestSpark;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loads PipelineModels (VectorAssembler, StandardScaler, NeuralNetworkClassifier) saved by earlier
 * builds and committed under {@code src/test/resources/golden/}, one per Spark line:
 * {@code pipeline-v1/} saved by Spark 3.5 and {@code pipeline-v1-spark4.1/} saved by Spark 4.1
 * (which writes its metadata as {@code part-00000-<uuid>.txt}). Both lines load both and check that
 * each still predicts what it predicted when it was saved ({@code <name>-expected.csv}), so a model
 * saved on one line scores identically on the other. A change to the saved layout, the params, the
 * model file or the scoring fails here; if the layout changes on purpose, keep loading v1 and add a
 * v2 next to it.
 *
 * <p>To regenerate the golden of one line (only when the test data itself must change), from the
 * repository root (add {@code -Pspark-4.1} for the Spark 4.1 one):
 * <pre>
 * ./mvnw -B -ntp -o test -pl estimators -am -Dtest='GoldenModelTest#regenerate' -Dgroups=regenerate-golden \
 *     -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false -Dsparknn.golden.regenerate=src/test/resources/golden
 * </pre>
 * (Surefire runs in {@code estimators/}, hence the relative path.) That calls {@link #main}, which
 * can also be run directly with the test classpath and the Java 17 opens of the root pom.
 */
class GoldenModelTest {
    /** The golden saved by each Spark line, by the Spark version prefix that saved it. */
    private static final String SPARK35_MODEL = "pipeline-v1";

    private static final String SPARK41_MODEL = "pipeline-v1-spark4.1";
    private static final String[] INPUTS = {"x0", "x1", "x2", "x3"};
    /** Rows whose two most likely classes are closer than this are not recorded (see {@link #main}). */
    private static final double MIN_MARGIN = 1e-3;
    /**
     * Probabilities are recomputed in float32 by whichever backend runs the test (MKL or Java);
     * they differ from the recorded ones by a few float ulps, far below this.
     */
    private static final double PROBABILITY_TOLERANCE = 1e-6;

    static Pipeline pipeline() {
        NetworkSpec spec = NetworkSpec.builder(4)
                .dense(6, Activation.TANH)
                .dense(3, Activation.SOFTMAX)
                .build();
        NeuralNetworkClassifier nn = new NeuralNetworkClassifier()
                .setNetwork(spec)
                .setFeaturesCol("scaled")
                .setMaxEpochs(20)
                .setBatchSize(20)
                .setLearningRate(0.05)
                .setSeed(2024)
                .setProvenance("{\"source\":\"Blobs.table(spark, 200, 3, 2024)\"}");
        return new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(INPUTS).setOutputCol("features"),
            // Centred: x3 sits near 50, which scaled but not centred would saturate every tanh unit.
            new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true),
            nn
        });
    }

    private static Path golden(String model) throws URISyntaxException {
        URL url = GoldenModelTest.class.getResource("/golden/" + model);
        assertNotNull(url, "/golden/" + model + " is missing from the test resources");
        return Path.of(url.toURI()).getParent();
    }

    private static String expectedFile(String model) {
        return model + "-expected.csv";
    }

    /** The golden this build's Spark line writes when regenerating. */
    static String modelOfThisLine() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION().startsWith("3.") ? SPARK35_MODEL : SPARK41_MODEL;
    }

    /** One recorded row: its id, inputs, probabilities and prediction. */
    record Expected(int id, double[] x, double[] probability, double prediction) {
        static Expected parse(String line) {
            double[] v = Arrays.stream(line.split(","))
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            return new Expected(
                    (int) v[0], Arrays.copyOfRange(v, 1, 5), Arrays.copyOfRange(v, 5, v.length - 1), v[v.length - 1]);
        }
    }

    private static final String HEADER = "id,x0,x1,x2,x3,p0,p1,p2,prediction";

    static List<Expected> readExpected(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(HEADER, lines.get(0));
        return lines.stream()
                .skip(1)
                .filter(l -> !l.isBlank())
                .map(Expected::parse)
                .toList();
    }

    static Dataset<Row> inputs(SparkSession spark, List<Expected> rows) {
        List<Row> out = new ArrayList<>();
        for (Expected e : rows) {
            out.add(RowFactory.create(e.id(), e.x()[0], e.x()[1], e.x()[2], e.x()[3]));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType)
                .add("x0", DataTypes.DoubleType)
                .add("x1", DataTypes.DoubleType)
                .add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType);
        return spark.createDataFrame(out, schema);
    }

    @ParameterizedTest
    @ValueSource(strings = {SPARK35_MODEL, SPARK41_MODEL})
    void goldenPipelinePredictsWhatItPredictedWhenSaved(String name) throws Exception {
        SparkSession spark = TestSpark.session();
        PipelineModel model = PipelineModel.load(golden(name).resolve(name).toString());
        assertEquals(3, model.stages().length);
        assertInstanceOf(VectorAssembler.class, model.stages()[0]);
        assertInstanceOf(StandardScalerModel.class, model.stages()[1]);
        NeuralNetworkClassificationModel nn =
                assertInstanceOf(NeuralNetworkClassificationModel.class, model.stages()[2]);
        assertEquals(3, nn.numClasses());
        assertEquals("scaled", nn.getFeaturesCol());
        assertEquals(20, nn.summary().history().size());
        assertEquals(
                "Blobs.table(spark, 200, 3, 2024)", nn.summary().provenance().get("source"));

        List<Expected> expected = readExpected(golden(name).resolve(expectedFile(name)));
        assertTrue(expected.size() >= 10, "too few recorded rows: " + expected.size());
        // A golden model that ignores its input (e.g. saturated units) would hide scoring bugs.
        assertEquals(
                3,
                expected.stream().mapToDouble(Expected::prediction).distinct().count(),
                "the recorded rows must cover all 3 classes");
        List<Row> scored = model.transform(inputs(spark, expected))
                .orderBy(col("id"))
                .select("id", "probability", "prediction")
                .collectAsList();
        assertEquals(expected.size(), scored.size());
        for (int i = 0; i < scored.size(); i++) {
            Expected e = expected.get(i);
            Row r = scored.get(i);
            assertEquals(e.id(), r.getInt(0));
            double[] p = ((Vector) r.get(1)).toArray();
            assertEquals(3, p.length);
            for (int k = 0; k < p.length; k++) {
                assertEquals(
                        e.probability()[k],
                        p[k],
                        PROBABILITY_TOLERANCE,
                        "row " + e.id() + " probability of class " + k);
            }
            assertEquals(e.prediction(), r.getDouble(2), "row " + e.id() + " prediction");
        }
    }

    /** Each golden really comes from its line: Spark records its version in every stage's metadata. */
    @ParameterizedTest
    @CsvSource({SPARK35_MODEL + ",3.5.", SPARK41_MODEL + ",4.1."})
    void goldenWasSavedByItsSparkLine(String name, String versionPrefix) throws Exception {
        try (Stream<Path> files = Files.walk(golden(name).resolve(name))) {
            List<Path> metadata = files.filter(
                            f -> f.getParent().getFileName().toString().equals("metadata")
                                    && f.getFileName().toString().startsWith("part-"))
                    .toList();
            assertEquals(4, metadata.size(), "metadata files of the pipeline and its 3 stages: " + metadata);
            for (Path f : metadata) {
                String json = Files.readString(f, StandardCharsets.UTF_8);
                assertTrue(json.contains("\"sparkVersion\":\"" + versionPrefix), f + ": " + json);
            }
        }
    }

    /** The saved files must load on any checkout: no absolute paths, no Hadoop .crc files to go stale. */
    @ParameterizedTest
    @ValueSource(strings = {SPARK35_MODEL, SPARK41_MODEL})
    void goldenFilesAreFreeOfMachineSpecificState(String name) throws Exception {
        try (Stream<Path> files = Files.walk(golden(name).resolve(name))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertFalse(f.getFileName().toString().endsWith(".crc"), f + " is a checksum file");
                if (f.getParent().getFileName().toString().equals("metadata")) {
                    String json = Files.readString(f, StandardCharsets.UTF_8);
                    for (String bad : new String[] {"file:", "hdfs:", "/tmp/", "/home/", "/work/", "\\\\"}) {
                        assertFalse(json.contains(bad), f + " contains '" + bad + "': " + json);
                    }
                }
            }
        }
    }

    /** Not run by default: writes the golden files when {@code -Dsparknn.golden.regenerate=DIR} is given. */
    @Test
    @Tag("regenerate-golden")
    @EnabledIfSystemProperty(named = "sparknn.golden.regenerate", matches = ".+")
    void regenerate() throws Exception {
        main(new String[] {System.getProperty("sparknn.golden.regenerate")});
    }

    /**
     * Fits the pipeline on 200 rows of {@link Blobs}, saves it to {@code args[0]/}{@link
     * #modelOfThisLine()}
     * without Hadoop's .crc files, and records the predictions of 20 other rows whose top two
     * classes differ by at least {@value #MIN_MARGIN}, so that float rounding on another backend
     * cannot flip a recorded prediction.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "estimators/src/test/resources/golden")
                .toAbsolutePath();
        SparkSession spark = TestSpark.session();
        PipelineModel model = pipeline().fit(Blobs.table(spark, 200, 3, 2024));
        String name = modelOfThisLine();
        Path modelDir = dir.resolve(name);
        model.write().overwrite().save(modelDir.toString());
        try (Stream<Path> files = Files.walk(modelDir)) {
            for (Path f : (Iterable<Path>)
                    files.filter(p -> p.getFileName().toString().endsWith(".crc"))::iterator) {
                Files.delete(f);
            }
        }

        List<Row> candidates = model.transform(Blobs.table(spark, 60, 3, 2025))
                .select("x0", "x1", "x2", "x3", "probability", "prediction")
                .collectAsList();
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int id = 0;
        for (Row r : candidates) {
            double[] p = ((Vector) r.get(4)).toArray();
            double[] sorted = p.clone();
            Arrays.sort(sorted);
            if (sorted[2] - sorted[1] < MIN_MARGIN || id == 20) {
                continue;
            }
            csv.append(id++);
            for (int k = 0; k < 4; k++) {
                csv.append(',').append(r.getDouble(k));
            }
            for (double v : p) {
                csv.append(',').append(v);
            }
            csv.append(',').append(r.getDouble(5)).append('\n');
        }
        Files.writeString(dir.resolve(expectedFile(name)), csv.toString(), StandardCharsets.UTF_8);
        NeuralNetworkClassificationModel nn = (NeuralNetworkClassificationModel) model.stages()[2];
        System.out.printf(
                Locale.ROOT,
                "Wrote %s (%s) and %d expected rows to %s%n",
                modelDir,
                nn.summary().history().get(nn.summary().history().size() - 1),
                id,
                dir.resolve(expectedFile(name)));
    }
}
