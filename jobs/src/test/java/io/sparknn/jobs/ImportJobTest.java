package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.keras.KerasFixture;
import io.sparknn.keras.KerasModelImporter;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.model.SavedNetwork;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import}: Keras fixture models imported by the command, scored by the score command on a
 * Delta table, give Keras' own outputs; what cannot be imported fails with its exit code and
 * changes nothing; an imported model fine-tunes with frozen layers.
 */
class ImportJobTest {
    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.session();
    }

    /** A Delta table of the fixture's inputs (in the imported model's feature order) with an id. */
    private static String table(KerasFixture f, String name) {
        float[] x = f.engineInput();
        int per = x.length / f.batch();
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < f.batch(); b++) {
            double[] v = new double[per];
            for (int j = 0; j < per; j++) {
                v[j] = x[b * per + j];
            }
            rows.add(RowFactory.create(b, Vectors.dense(v)));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType, false)
                .add("features", SQLDataTypes.VectorType(), false);
        String path = dir.resolve("tables/" + name).toString();
        spark.createDataFrame(rows, schema).write().format("delta").save(path);
        return path;
    }

    private static List<Row> importAndScore(String fixture, String file) throws Exception {
        KerasFixture f = KerasFixture.load(fixture);
        Path from = KerasFixture.copy(file, Files.createDirectories(dir.resolve("files")));
        String model = dir.resolve("models/" + fixture).toString();
        ScoringFixture.Run imported = ScoringFixture.cli("import", "--from", from.toString(), "--out", model);
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.lastLine().endsWith("models/" + fixture), imported.lastLine());
        String out = dir.resolve("tables/" + fixture + "-scores").toString();
        ScoringFixture.Run score =
                ScoringFixture.cli("score", "--model", model, "--input", table(f, fixture), "--output", out);
        assertEquals(0, score.code(), score.err());
        return spark.read().format("delta").load(out).orderBy("id").collectAsList();
    }

    @Test
    void importedCnnScoresAsKerasPredicts() throws Exception {
        KerasFixture f = KerasFixture.load("cnn");
        List<Row> rows = importAndScore("cnn", "cnn.keras");
        assertEquals(f.batch(), rows.size());
        for (int b = 0; b < f.batch(); b++) {
            List<Double> p = rows.get(b).getList(rows.get(b).fieldIndex("probability"));
            assertClose("cnn row " + b, f.output()[b], p);
        }
    }

    @Test
    void importedSequenceRegressorScoresAsKerasPredicts() throws Exception {
        KerasFixture f = KerasFixture.load("rnn_features");
        List<Row> rows = importAndScore("rnn_features", "rnn_features.h5");
        for (int b = 0; b < f.batch(); b++) {
            double p = rows.get(b).getDouble(rows.get(b).fieldIndex("prediction"));
            assertClose("rnn_features row " + b, f.output()[b], List.of(p));
        }
    }

    private static void assertClose(String what, float[] expected, List<Double> actual) {
        assertEquals(expected.length, actual.size(), what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual.get(j), 1e-5 * Math.max(1, Math.abs(expected[j])), what + " output " + j);
        }
    }

    @Test
    void filesThatCannotBeImportedChangeNothing() throws Exception {
        Path files = Files.createDirectories(dir.resolve("bad"));
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Path keras = KerasFixture.copy("mlp.keras", files);

        ScoringFixture.Run overwrite =
                ScoringFixture.cli("import", "--from", keras.toString(), "--out", foreign.toString());
        assertEquals(2, overwrite.code(), overwrite.err());
        assertTrue(overwrite.err().contains("is not a model a train run saved"), overwrite.err());
        assertEquals(List.of("notes.txt"), Arrays.asList(foreign.toFile().list()));

        Path cut = files.resolve("cut.keras");
        byte[] bytes = Files.readAllBytes(keras);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        String out = dir.resolve("never").toString();
        ScoringFixture.Run damaged = ScoringFixture.cli("import", "--from", cut.toString(), "--out", out);
        assertEquals(3, damaged.code(), damaged.err());
        assertTrue(damaged.err().contains("truncated or corrupted"), damaged.err());

        Path onnx = Files.writeString(files.resolve("model.onnx"), "");
        ScoringFixture.Run emptyOnnx = ScoringFixture.cli("import", "--from", onnx.toString(), "--out", out);
        assertEquals(3, emptyOnnx.code(), emptyOnnx.err());
        assertTrue(emptyOnnx.err().contains("is not an ONNX model"), emptyOnnx.err());

        ScoringFixture.Run missing = ScoringFixture.cli(
                "import", "--from", files.resolve("absent.h5").toString(), "--out", out, "--task", "regression");
        assertEquals(3, missing.code(), missing.err());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertTrue(!Files.exists(Path.of(out)), "nothing written");
    }

    @Test
    void importedModelFineTunesWithFrozenLayers() throws Exception {
        Path from = KerasFixture.copy("mlp.h5", Files.createDirectories(dir.resolve("tune")));
        String model = dir.resolve("models/mlp-tune").toString();
        ScoringFixture.Run imported = ScoringFixture.cli("import", "--from", from.toString(), "--out", model);
        assertEquals(0, imported.code(), imported.err());
        SavedNetwork keras = KerasModelImporter.read(from);
        String printed = imported.out().stream()
                .filter(l -> l.startsWith("network:"))
                .findFirst()
                .orElseThrow()
                .substring("network:".length())
                .trim();
        assertEquals(keras.spec().toJson(), printed, "import prints the network JSON to fine-tune with");

        List<Row> rows = new ArrayList<>();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < 64; i++) {
            double[] v = rng.doubles(8, -1, 1).toArray();
            rows.add(RowFactory.create(Vectors.dense(v), (double) (v[0] > 0 ? 1 : 0) + (v[1] > 0 ? 2 : 0)));
        }
        Dataset<Row> data = spark.createDataFrame(
                rows,
                new StructType()
                        .add("features", SQLDataTypes.VectorType(), false)
                        .add("label", DataTypes.DoubleType, false));
        NeuralNetworkClassificationModel tuned = new NeuralNetworkClassifier()
                .setNetwork(printed)
                .setInitialModelPath(model)
                .setFrozenLayers(new int[] {0})
                .setMaxEpochs(2)
                .setBatchSize(16)
                .setNumWorkers(1)
                .fit(data);
        float[] after = tuned.fitted().data().weights();
        int hidden = 8 * 16 + 16; // layer 0: Dense 'hidden'
        assertArrayEquals(Arrays.copyOf(keras.weights(), hidden), Arrays.copyOf(after, hidden), "frozen layer kept");
        assertTrue(
                !Arrays.equals(
                        Arrays.copyOfRange(keras.weights(), hidden, keras.weights().length),
                        Arrays.copyOfRange(after, hidden, after.length)),
                "the other layers trained");
    }
}
