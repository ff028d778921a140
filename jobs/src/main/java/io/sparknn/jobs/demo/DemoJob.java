package io.sparknn.jobs.demo;

import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.config.ConfigLoader;
import io.sparknn.jobs.config.TrainConfig;
import io.sparknn.jobs.delta.DeltaSink;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.score.ScoreJob;
import io.sparknn.jobs.score.ScoreRequest;
import io.sparknn.jobs.train.TrainJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The demo: Fashion-MNIST into Delta tables under one directory, the seed-000 MLP trained by the
 * train job with its packaged config (conf/seed000-mlp.yaml) on two workers, then the test table
 * scored into Delta. Everything it writes stays under {@code dir}.
 */
public final class DemoJob {
    private final SparkSession spark;

    public DemoJob(SparkSession spark) {
        this.spark = spark;
    }

    /** What the demo produced. */
    public record Result(
            DemoData.Source data,
            String trainTable,
            String testTable,
            TrainJob.Result training,
            ScoreJob.Result scoring,
            double scoredAccuracy) {}

    public Result run(Path dir, Path installedData, List<String> overrides) throws IOException {
        Path root = dir.toAbsolutePath();
        DemoData.Source data = DemoData.locate(installedData, root.resolve("scratch"));
        String trainTable = root.resolve("tables/fashion_train").toString();
        String testTable = root.resolve("tables/fashion_test").toString();
        FashionMnistTables.write(spark, FashionMnist.train(data.dir()), Integer.MAX_VALUE, trainTable);
        FashionMnistTables.write(spark, FashionMnist.test(data.dir()), Integer.MAX_VALUE, testTable);

        // The packaged seed-000 config refers to spark-nn-demo/...; point every path into dir.
        List<String> sets = new ArrayList<>(List.of(
                "input.path=" + trainTable,
                "validation.table.path=" + testTable,
                "output.model=" + root.resolve("models/seed000-mlp"),
                "output.metrics=" + root.resolve("models/seed000-mlp.metrics.json"),
                "output.report=" + root.resolve("models/seed000-mlp.report.html"),
                "output.metricsTable=" + root.resolve("tables/runs")));
        sets.addAll(overrides);
        TrainConfig config = ConfigLoader.loadTrain(
                "conf/seed000-mlp.yaml (packaged)", ConfigLoader.packagedConfig("seed000-mlp"), sets);
        TrainJob.Result training = new TrainJob(spark).run(config);

        String scoredTable = root.resolve("tables/fashion_test_scored").toString();
        ScoreJob.Result scoring = new ScoreJob(spark)
                .run(new ScoreRequest(
                        training.modelPath(),
                        TableRef.parse(testTable),
                        TableRef.parse(scoredTable),
                        DeltaSink.Mode.OVERWRITE,
                        null,
                        List.of("id", "label"),
                        null,
                        false));
        // Read back from the scored Delta table, as a downstream consumer would.
        double accuracy = spark.read()
                .format("delta")
                .load(scoredTable)
                .selectExpr("avg(cast(prediction = label as double))")
                .first()
                .getDouble(0);
        return new Result(data, trainTable, testTable, training, scoring, accuracy);
    }
}
