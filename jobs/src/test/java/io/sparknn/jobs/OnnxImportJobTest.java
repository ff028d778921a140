package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --from FILE.onnx}: a PyTorch-style ONNX fixture (spark-nn/onnx's, with ONNX
 * Runtime's outputs from Python) imported by the command and scored by the score command on a
 * Delta table gives ONNX Runtime's probabilities.
 */
class OnnxImportJobTest {
    private static final Path FIXTURES = Path.of("../spark-nn/onnx/src/test/fixtures");

    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.session();
    }

    @Test
    void importedCnnScoresAsOnnxRuntimePredicts() throws Exception {
        JsonNode fixture =
                new ObjectMapper().readTree(FIXTURES.resolve("cnn.json").toFile());
        int batch = fixture.get("inputShape").get(0).asInt();
        int width = fixture.get("input").size() / batch;
        int classes = fixture.get("output").size() / batch;
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            double[] v = new double[width];
            for (int j = 0; j < width; j++) {
                v[j] = (float) fixture.get("input").get(b * width + j).asDouble();
            }
            rows.add(RowFactory.create(b, Vectors.dense(v)));
        }
        String table = dir.resolve("tables/cnn").toString();
        spark.createDataFrame(
                        rows,
                        new StructType()
                                .add("id", DataTypes.IntegerType, false)
                                .add("features", SQLDataTypes.VectorType(), false))
                .write()
                .format("delta")
                .save(table);

        String model = dir.resolve("models/cnn").toString();
        ScoringFixture.Run imported = ScoringFixture.cli(
                "import", "--from", FIXTURES.resolve("cnn.onnx").toString(), "--out", model);
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.lastLine().endsWith("models/cnn"), imported.lastLine());
        String out = dir.resolve("tables/cnn-scores").toString();
        ScoringFixture.Run score = ScoringFixture.cli("score", "--model", model, "--input", table, "--output", out);
        assertEquals(0, score.code(), score.err());

        List<Row> scored = spark.read().format("delta").load(out).orderBy("id").collectAsList();
        assertEquals(batch, scored.size());
        for (int b = 0; b < batch; b++) {
            List<Double> p = scored.get(b).getList(scored.get(b).fieldIndex("probability"));
            assertEquals(classes, p.size(), "classes of row " + b);
            for (int k = 0; k < classes; k++) {
                double expected = fixture.get("output").get(b * classes + k).asDouble();
                // float32 on both sides in a different order: relative 1e-5, 1e-6 absolute near zero.
                assertEquals(expected, p.get(k), 1e-6 + 1e-5 * Math.abs(expected), "row " + b + " class " + k);
            }
        }
    }
}
