package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.Main;
import io.sparknn.jobs.demo.FashionMnistTables;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testkit.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train job with every input and output on HDFS (a MiniDFSCluster): Delta tables in, then
 * the PipelineModel, metrics JSON, HTML report and Delta metrics table out, all through Hadoop's
 * FileSystem API, as on a real cluster. The saved model is loaded back from HDFS and scores.
 */
class HdfsJobsTest {
    @TempDir
    static Path dir;

    static MiniDfs dfs;
    static SparkSession spark;
    static String hdfs;

    @BeforeAll
    static void start() throws Exception {
        dfs = MiniDfs.start(dir.resolve("dfs"));
        hdfs = dfs.uri();
        spark = TestSpark.session();
    }

    @AfterAll
    static void stop() {
        if (dfs != null) {
            dfs.close();
        }
    }

    @Test
    void trainReadsAndWritesHdfs() throws Exception {
        Path data = FashionMnistData.dir();
        String train = hdfs + "/tables/fashion_train";
        String test = hdfs + "/tables/fashion_test";
        FashionMnistTables.write(spark, FashionMnist.train(data), 3000, train);
        FashionMnistTables.write(spark, FashionMnist.test(data), 1000, test);
        String out = hdfs + "/models/seed000-mlp";

        int code = Main.run(
                "train",
                "--config",
                Checkout.dir().resolve("conf/seed000-mlp.yaml").toString(),
                "--set",
                "input.path=" + train,
                "--set",
                "validation.table.path=" + test,
                "--set",
                "output.model=" + out,
                "--set",
                "output.metrics=" + out + ".metrics.json",
                "--set",
                "output.report=" + out + ".report.html",
                "--set",
                "output.metricsTable=" + hdfs + "/tables/runs",
                "--set",
                "estimator.maxEpochs=2");
        assertEquals(0, code);

        FileSystem fs = dfs.fileSystem();
        for (String p : new String[] {
            out + "/metadata",
            out + "/stages",
            out + ".metrics.json",
            out + ".report.html",
            hdfs + "/tables/runs/_delta_log"
        }) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(p)), p + " on HDFS");
        }
        FileStatus[] left = fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/models"));
        assertTrue(
                Arrays.stream(left).noneMatch(s -> s.getPath().getName().endsWith(".tmp")),
                "no temporary files left: " + Arrays.toString(left));

        JsonNode m;
        try (FSDataInputStream in = fs.open(new org.apache.hadoop.fs.Path(out + ".metrics.json"))) {
            m = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(m.get("model").asText().startsWith("hdfs://"), "model path in metrics: " + m.get("model"));
        assertTrue(m.get("input").get("table").asText().startsWith(hdfs), "input table: " + m.get("input"));
        double accuracy = m.get("metrics").get("accuracy").asDouble();
        assertTrue(accuracy > 0.6, "held-out accuracy " + accuracy);

        // Load back from HDFS and score: scoring is deterministic, so the accuracy on the same
        // held-out table must be the figure the job reported.
        PipelineModel model = PipelineModel.load(out);
        Dataset<Row> scored = model.transform(spark.read()
                .format("delta")
                .load(test)
                .withColumn("label", functions.col("label").cast("double")));
        assertEquals(1000, scored.count());
        double rescored = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy")
                .evaluate(scored);
        assertEquals(accuracy, rescored, 1e-12);
        assertEquals(1, spark.read().format("delta").load(hdfs + "/tables/runs").count());
    }
}
