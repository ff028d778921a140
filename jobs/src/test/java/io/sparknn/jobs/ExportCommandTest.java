package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.model.SavedPipeline;
import io.sparknn.testkit.TestSpark;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-nn export}: the trained model as ONNX, whose ONNX Runtime (Java) probabilities
 * equal the Spark model's probability column; an existing file is kept unless --overwrite.
 */
class ExportCommandTest {
    private static final int ROWS = 16;

    @TempDir
    static Path dir;

    static ScoringFixture fx;
    static SparkSession spark;

    @BeforeAll
    static void setUp() {
        fx = ScoringFixture.get();
        spark = TestSpark.session();
    }

    @Test
    void exportedModelGivesTheSparkModelsProbabilities() throws Exception {
        Path onnx = dir.resolve("mlp.onnx");
        ScoringFixture.Run run = ScoringFixture.cli("export", "--model", fx.model, "--out", onnx.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(onnx.toAbsolutePath().toString(), run.lastLine());

        SavedPipeline model =
                SavedPipeline.load(new JobFiles(spark.sparkContext().hadoopConfiguration()), fx.model, "--model");
        String featuresCol = model.networkColumn("featuresCol");
        List<Row> rows = model.pipeline()
                .transform(spark.read().format("delta").load(fx.testTable).limit(ROWS))
                .select(featuresCol, "probability")
                .collectAsList();
        int width = doubles(rows.get(0), 0).length;
        float[] x = new float[ROWS * width];
        for (int r = 0; r < ROWS; r++) {
            double[] v = doubles(rows.get(r), 0);
            for (int j = 0; j < width; j++) {
                x[r * width + j] = (float) v[j];
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(onnx.toString(), options);
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {ROWS, width});
                OrtSession.Result result = session.run(Map.of("features", input))) {
            float[][] p = (float[][]) result.get("probability").orElseThrow().getValue();
            for (int r = 0; r < ROWS; r++) {
                double[] spark = doubles(rows.get(r), 1);
                assertEquals(spark.length, p[r].length, "classes");
                for (int k = 0; k < spark.length; k++) {
                    // float32 throughout, different GEMM order: relative 1e-5 plus 1e-6 near zero.
                    assertEquals(spark[k], p[r][k], 1e-6 + 1e-5 * Math.abs(spark[k]), "row " + r + " class " + k);
                }
            }
        }
    }

    /** A vector or array column as doubles (the features column may be either). */
    private static double[] doubles(Row row, int i) {
        if (row.get(i) instanceof Vector v) {
            return v.toArray();
        }
        return row.<Number>getList(i).stream().mapToDouble(Number::doubleValue).toArray();
    }

    @Test
    void refusesToReplaceAnExistingFileUnlessOverwrite() throws Exception {
        Path onnx = dir.resolve("existing.onnx");
        Files.writeString(onnx, "not mine");
        ScoringFixture.Run refused = ScoringFixture.cli("export", "--model", fx.model, "--out", onnx.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("already exists") && refused.err().contains("--overwrite"), refused.err());
        assertArrayEquals("not mine".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(onnx));

        ScoringFixture.Run replaced =
                ScoringFixture.cli("export", "--model", fx.model, "--out", onnx.toString(), "--overwrite");
        assertEquals(0, replaced.code(), replaced.err());
        assertTrue(Files.size(onnx) > 1000, "an ONNX model replaced the file");
    }

    @Test
    void aMissingModelIsAnInputError() {
        ScoringFixture.Run run = ScoringFixture.cli(
                "export",
                "--model",
                dir.resolve("no-such-model").toString(),
                "--out",
                dir.resolve("x.onnx").toString());
        assertEquals(3, run.code());
        assertTrue(run.err().contains("does not exist"), run.err());
    }
}
