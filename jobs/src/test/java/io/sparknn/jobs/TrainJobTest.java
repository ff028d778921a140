package io.sparknn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.demo.FashionMnistTables;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command end to end on Delta tables, with the seed-000 config from conf/. */
class TrainJobTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static String trainTable;
    static String testTable;

    @BeforeAll
    static void tables() throws Exception {
        spark = TestSpark.session();
        Path data = FashionMnistData.dir();
        trainTable = dir.resolve("tables/train").toString();
        testTable = dir.resolve("tables/test").toString();
        FashionMnistTables.write(spark, FashionMnist.train(data), 3000, trainTable);
        FashionMnistTables.write(spark, FashionMnist.test(data), 1000, testTable);
    }

    @Test
    void trainsSavesEvaluatesAndReports() throws Exception {
        Path out = dir.resolve("out");
        int code = Main.run(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=" + trainTable,
                "--set",
                "validation.table.path=" + testTable,
                "--set",
                "output.model=" + out.resolve("model"),
                "--set",
                "output.metrics=" + out.resolve("m.json"),
                "--set",
                "output.report=" + out.resolve("r.html"),
                "--set",
                "output.metricsTable=" + out.resolve("runs"),
                "--set",
                "output.tensorboard=" + out.resolve("tb"),
                "--set",
                "estimator.maxEpochs=4");
        assertEquals(0, code);

        JsonNode m = new ObjectMapper().readTree(out.resolve("m.json").toFile());
        assertEquals("train", m.get("job").asText());
        assertEquals(0, m.get("input").get("version").asLong());
        assertEquals(1000, m.get("metrics").get("rows").asLong());
        double accuracy = m.get("metrics").get("accuracy").asDouble();
        assertTrue(accuracy > 0.72, "held-out accuracy " + accuracy);
        assertEquals(4, m.get("history").size());
        JsonNode last = m.get("history").get(3);
        assertEquals(
                accuracy,
                last.get("validationAccuracy").asDouble(),
                1e-6,
                "per-epoch validation runs on the held-out table, so the last epoch's figure is the final metric");
        assertEquals("4", m.get("params").get("maxEpochs").asText());

        PipelineModel model = PipelineModel.load(out.resolve("model").toString());
        NeuralNetworkClassificationModel nn = (NeuralNetworkClassificationModel) model.stages()[0];
        assertEquals("0", nn.summary().provenance().get("delta.version"));
        assertTrue(nn.summary().provenance().get("delta.table").endsWith("tables/train"));
        List<Row> scored = model.transform(spark.read().format("delta").load(testTable))
                .select("prediction")
                .collectAsList();
        assertEquals(1000, scored.size());

        String html = Files.readString(out.resolve("r.html"));
        assertTrue(html.contains("<polyline") && html.contains("seed000-mlp") && !html.contains("http"), "report");
        ReportChecks.classification(
                html,
                1000,
                ReportChecks.mllibRecalls(model, spark.read().format("delta").load(testTable)));
        assertTrue(html.contains("<th>Ankle boot</th>"), "class names from labels.names");
        assertTrue(html.contains("id=\"chart-loss\"") && html.contains("class=\"tick\""), "curves with ticks");
        assertTrue(html.contains("<th class=\"num\">235,146</th>"), "the model summary's total parameters");

        TensorBoardFiles.checkRun(out.resolve("tb"), 4);

        // The report is drawn again from the metrics JSON alone, identical to the run's.
        assertEquals(
                0,
                Main.run(
                        "report",
                        "--metrics",
                        out.resolve("m.json").toString(),
                        "--out",
                        out.resolve("again.html").toString()));
        assertEquals(html, Files.readString(out.resolve("again.html")));

        // evaluate writes a report beside its metrics JSON, naming the classes the model was trained with.
        assertEquals(
                0,
                Main.run(
                        "evaluate",
                        "--model",
                        out.resolve("model").toString(),
                        "--input",
                        testTable,
                        "--output",
                        out.resolve("e.json").toString()));
        String evaluated = Files.readString(out.resolve("e.html"));
        ReportChecks.classification(
                evaluated,
                1000,
                ReportChecks.mllibRecalls(model, spark.read().format("delta").load(testTable)));
        assertTrue(evaluated.contains("<th>Ankle boot</th>"), "class names from the model's provenance");
        Row run = spark.read()
                .format("delta")
                .load(out.resolve("runs").toString())
                .first();
        assertEquals(
                accuracy,
                run.<scala.collection.Map<String, Double>>getAs("metrics").apply("accuracy"),
                0);
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void timeTravelTrainsOnTheVersionAskedForAndRecordsIt() throws Exception {
        Path copy = dir.resolve("tables/train-tt");
        FashionMnistTables.write(spark, FashionMnist.train(FashionMnistData.dir()), 1000, copy.toString());
        spark.read()
                .format("delta")
                .load(copy.toString())
                .limit(500)
                .write()
                .format("delta")
                .mode("append")
                .save(copy.toString()); // version 1: 1,500 rows
        Path out = dir.resolve("out-tt");
        int code = Main.run(
                "train",
                "--config",
                "../conf/seed000-mlp.yaml",
                "--set",
                "input.path=" + copy,
                "--set",
                "input.versionAsOf=0",
                "--set",
                "validation.table.path=" + testTable,
                "--set",
                "output.model=" + out.resolve("model"),
                "--set",
                "output.metrics=" + out.resolve("m.json"),
                "--set",
                "output.report=" + out.resolve("r.html"),
                "--set",
                "output.metricsTable=",
                "--set",
                "estimator.maxEpochs=1",
                "--set",
                "estimator.batchSize=100");
        assertEquals(0, code);
        JsonNode m = new ObjectMapper().readTree(out.resolve("m.json").toFile());
        assertEquals(0, m.get("input").get("version").asLong());
        assertEquals(1000, m.get("history").get(0).get("samples").asLong(), "trained on version 0's rows only");
        NeuralNetworkClassificationModel nn = (NeuralNetworkClassificationModel)
                PipelineModel.load(out.resolve("model").toString()).stages()[0];
        assertEquals("0", nn.summary().provenance().get("delta.version"));
    }
}
