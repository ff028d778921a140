package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs in a running SparkSession (what the Python package calls): same work, JSON back, exceptions out. */
class SessionJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void trainReturnsTheMetricsJsonItWrote() throws Exception {
        String yaml = Files.readString(Path.of("../conf/seed000-mlp.yaml"));
        Path metrics = dir.resolve("m.metrics.json");
        String json = SessionJobs.train(
                spark,
                "seed000-mlp.yaml",
                yaml,
                List.of(
                        "input.path=" + fx.trainTable,
                        "validation.table.path=" + fx.testTable,
                        "output.model=" + dir.resolve("m"),
                        "output.metrics=" + metrics,
                        "output.report=" + dir.resolve("m.report.html"),
                        "estimator.maxEpochs=1"));

        assertEquals(Files.readString(metrics), json);
        JsonNode root = JSON.readTree(json);
        assertEquals("train", root.get("job").asText());
        assertEquals(1, root.get("history").size());
        assertTrue(root.get("metrics").get("accuracy").asDouble() > 0.5, json);
    }

    @Test
    void scoreAndEvaluateReturnTheirSummaries() throws Exception {
        String out = dir.resolve("scores").toString();
        JsonNode score = JSON.readTree(SessionJobs.score(
                spark, fx.model, fx.testTable, 0L, null, out, null, null, List.of("id", "label"), null, false));
        assertEquals(
                ScoringFixture.TEST_ROWS, score.get("output").get("rowsWritten").asLong());
        assertEquals(0L, score.get("input").get("version").asLong());

        String metrics = dir.resolve("eval.json").toString();
        JsonNode eval = JSON.readTree(SessionJobs.evaluate(spark, fx.model, fx.testTable, null, "label < 5", metrics));
        assertEquals("evaluate", eval.get("job").asText());
        assertEquals("label < 5", eval.get("input").get("filter").asText());
        assertTrue(eval.get("metrics").get("accuracy").asDouble() > 0.5, eval.toString());
    }

    @Test
    void aBadConfigIsTheLoadersExceptionNotAnExitCode() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> SessionJobs.train(spark, "notebook config", "{\"nmae\": \"x\"}", List.of()));
        assertTrue(e.getMessage().contains("Unknown key 'nmae' in notebook config"), e.getMessage());
    }
}
