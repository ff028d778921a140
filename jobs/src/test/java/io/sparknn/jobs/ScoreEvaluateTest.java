package io.sparknn.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train -> score -> evaluate end to end on Delta tables, with the model the fixture trained. */
class ScoreEvaluateTest {
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
    void scoresTheTableAndEvaluateAgreesWithTheScores() throws Exception {
        String out = dir.resolve("scores").toString();
        String summary = dir.resolve("scores.json").toString();
        ScoringFixture.Run score = ScoringFixture.cli(
                "score",
                "--model",
                fx.model,
                "--input",
                fx.testTable,
                "--output",
                out,
                "--keep-columns",
                "id,label",
                "--summary-out",
                summary);
        assertEquals(0, score.code(), score.err());
        assertTrue(
                score.lastLine().endsWith("scores.json"), "last stdout line is the summary path: " + score.lastLine());

        Dataset<Row> scores = spark.read().format("delta").load(out);
        assertArrayEquals(
                new String[] {"id", "label", "prediction", "probability", "model_path", "input_version"},
                scores.columns());
        StructType schema = scores.schema();
        assertEquals(
                DataTypes.DoubleType, ((ArrayType) schema.apply("probability").dataType()).elementType());
        assertEquals(DataTypes.DoubleType, schema.apply("prediction").dataType());
        assertEquals(ScoringFixture.TEST_ROWS, scores.count());
        assertEquals(ScoringFixture.TEST_ROWS, scores.select("id").distinct().count(), "every input row once");
        // provenance: the qualified model directory and the input version read
        Row first = scores.first();
        assertTrue(first.<String>getAs("model_path").startsWith("file:")
                && first.<String>getAs("model_path").endsWith("models/mlp"));
        assertEquals(0L, first.<Long>getAs("input_version"));
        // probabilities: 10 classes summing to 1, the prediction is their argmax
        for (Row p : scores.select("probability", "prediction").limit(20).collectAsList()) {
            List<Double> probs = p.getList(0);
            assertEquals(10, probs.size());
            assertEquals(1.0, probs.stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            assertEquals(probs.indexOf(probs.stream().max(Double::compare).orElseThrow()), (int) p.getDouble(1));
        }

        JsonNode s = new ObjectMapper().readTree(dir.resolve("scores.json").toFile());
        assertEquals("score", s.get("job").asText());
        assertEquals(0, s.get("input").get("version").asLong());
        assertEquals(0, s.get("output").get("version").asLong());
        assertEquals(
                ScoringFixture.TEST_ROWS, s.get("output").get("rowsWritten").asLong());
        assertEquals(1, DeltaTable.forPath(spark, out).history().count(), "one transaction");

        String metrics = dir.resolve("eval.json").toString();
        ScoringFixture.Run eval =
                ScoringFixture.cli("evaluate", "--model", fx.model, "--input", fx.testTable, "--output", metrics);
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.lastLine().endsWith("eval.json"), "last stdout line is the metrics path: " + eval.lastLine());
        JsonNode m = new ObjectMapper().readTree(dir.resolve("eval.json").toFile());
        assertEquals("evaluate", m.get("job").asText());
        assertEquals(0, m.get("input").get("version").asLong());
        double fromScores =
                (double) scores.where(col("label").equalTo(col("prediction"))).count() / scores.count();
        double accuracy = m.get("metrics").get("accuracy").asDouble();
        assertEquals(fromScores, accuracy, 1e-12, "evaluate's accuracy is the accuracy of the written scores");
        assertTrue(accuracy > 0.6, "2 epochs on 2000 rows learn something: accuracy " + accuracy);
        for (String k : new String[] {"f1", "weightedPrecision", "weightedRecall"}) {
            assertTrue(m.get("metrics").get(k).asDouble() > 0.5, k);
        }
        assertEquals(ScoringFixture.TEST_ROWS, m.get("metrics").get("rows").asLong());
    }

    @Test
    void evaluateHonoursVersionAndFilterAndDefaultsTheOutputNextToTheModel() throws Exception {
        ScoringFixture.Run eval = ScoringFixture.cli(
                "evaluate",
                "--model",
                fx.model,
                "--input",
                fx.testTable,
                "--input-version",
                "0",
                "--input-filter",
                "label < 5");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.lastLine().endsWith("models/mlp.evaluation.json"), eval.lastLine());
        JsonNode m = new ObjectMapper().readTree(new java.io.File(new java.net.URI(eval.lastLine())));
        long expected = spark.read()
                .format("delta")
                .load(fx.testTable)
                .where("label < 5")
                .count();
        assertEquals(expected, m.get("metrics").get("rows").asLong());
        assertEquals("label < 5", m.get("input").get("filter").asText());
    }

    @Test
    void aBinaryClassifierGetsAucAndTwoClassProbabilities() throws Exception {
        String model = dir.resolve("binary").toString();
        ScoringFixture.Run train = ScoringFixture.cli(
                "train",
                "--config",
                "../conf/seed001-binary.yaml",
                "--set",
                "input.path=" + fx.trainTable,
                "--set",
                "validation.table.path=" + fx.testTable,
                "--set",
                "output.model=" + model,
                "--set",
                "estimator.maxEpochs=1");
        assertEquals(0, train.code(), train.err());
        String out = dir.resolve("binary-scores").toString();
        assertEquals(
                0,
                ScoringFixture.cli(
                                "score",
                                "--model",
                                model,
                                "--input",
                                fx.testTable,
                                "--output",
                                out,
                                "--keep-columns",
                                "id,footwear")
                        .code());
        ScoringFixture.Run eval = ScoringFixture.cli(
                "evaluate",
                "--model",
                model,
                "--input",
                fx.testTable,
                "--output",
                dir.resolve("binary.json").toString());
        assertEquals(0, eval.code(), eval.err());
        JsonNode m =
                new ObjectMapper().readTree(dir.resolve("binary.json").toFile()).get("metrics");

        // P(footwear) from the written probability array ranks the rows as the model's raw scores do, so
        // MLlib's AUC on it must equal the AUC that evaluate reports.
        Dataset<Row> scores = spark.read()
                .format("delta")
                .load(out)
                .select(
                        col("footwear").cast("double").as("y"),
                        col("probability").getItem(1).as("p"));
        assertEquals(
                2,
                spark.read()
                        .format("delta")
                        .load(out)
                        .select(size(col("probability")))
                        .first()
                        .getInt(0));
        double auc = new BinaryClassificationEvaluator()
                .setLabelCol("y")
                .setRawPredictionCol("p")
                .evaluate(scores);
        assertEquals(auc, m.get("areaUnderROC").asDouble(), 1e-9);
        assertTrue(auc > 0.8, "footwear is easy to tell apart: AUC " + auc);
        assertTrue(m.get("areaUnderPR").asDouble() > 0.5, "areaUnderPR " + m.get("areaUnderPR"));
    }
}
