package io.sparknn.bench.distributed;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.FashionMnist;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.spark.DistributedOptions;
import io.sparknn.distributed.spark.DistributedTrainer;
import io.sparknn.distributed.spark.DistributedTrainingResult;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.EpochStats;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bench scaling}: trains the seed-000 MLP on Fashion-MNIST through Spark on a
 * local-cluster with one single-core executor per worker, once per worker count, and prints
 * {@code RESULT bench=scaling ... samples_per_s_N=... test_acc_N=... speedup=...}. Throughput is
 * the training loop's (from the workers' epoch timings) over the epochs after the first, not
 * Spark start-up, data loading or the JIT warm-up of the executors' first epoch.
 */
public final class ScalingBenchmark {
    private ScalingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts =
                Options.parse(args, List.of("model", "workers", "global-batch", "epochs", "data", "seed"));
        if (!opts.getOrDefault("model", "mlp").equals("mlp")) {
            throw new IllegalArgumentException("--model " + opts.get("model") + " is not supported; use --model mlp");
        }
        String[] counts = opts.getOrDefault("workers", "1,2").split(",");
        int batch = Integer.parseInt(opts.getOrDefault("global-batch", "512"));
        int epochs = Integer.parseInt(opts.getOrDefault("epochs", "2"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "0"));
        Path dir = Path.of(opts.getOrDefault("data", FashionMnist.DEFAULT_DIR));
        long wallStart = System.nanoTime();

        LabeledSamples train = FashionMnist.train(dir);
        LabeledSamples test = FashionMnist.test(dir);
        NetworkSpec spec = Seed000Mlp.SPEC;
        TrainingConfig cfg = Seed000Mlp.config(batch, epochs, seed);
        Path parquet = Files.createTempDirectory("sparknn-scaling").resolve("train.parquet");

        Map<Integer, double[]> results = new LinkedHashMap<>();
        for (String c : counts) {
            int workers = Integer.parseInt(c.trim());
            SparkSession spark = LocalClusterSession.start(workers, 2048, "spark-nn bench scaling " + workers);
            try {
                if (!Files.exists(parquet)) {
                    writeParquet(spark, train, parquet);
                }
                org.apache.spark.sql.Dataset<Row> df = spark.read().parquet(parquet.toString());
                DistributedTrainingResult r =
                        new DistributedTrainer(spec, cfg, DistributedOptions.workers(workers)).fit(df, null);
                List<EpochStats> measured = Seed000Mlp.measured(r.history());
                double seconds =
                        measured.stream().mapToDouble(EpochStats::seconds).sum();
                long samples = measured.stream().mapToLong(EpochStats::samples).sum();
                double acc = Seed000Mlp.testAccuracy(r.weights(), cfg, test);
                results.put(workers, new double[] {samples / seconds, acc});
                System.out.printf(
                        Locale.ROOT,
                        "workers=%d samples_per_s=%.0f test_acc=%.4f train_seconds=%.2f%n",
                        workers,
                        samples / seconds,
                        acc,
                        seconds);
            } finally {
                spark.stop();
            }
        }
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "RESULT bench=scaling model=mlp backend=%s gemm=%s global_batch=%d epochs=%d measured_epochs=%s",
                Backends.getDefault().name(),
                Backends.getDefault().gemm(),
                batch,
                epochs,
                Seed000Mlp.measuredEpochs(epochs)));
        for (Map.Entry<Integer, double[]> e : results.entrySet()) {
            line.append(String.format(Locale.ROOT, " samples_per_s_%d=%.0f", e.getKey(), e.getValue()[0]));
        }
        List<Integer> ws = new ArrayList<>(results.keySet());
        if (ws.size() >= 2) {
            double speedup = results.get(ws.get(ws.size() - 1))[0] / results.get(ws.get(0))[0];
            line.append(String.format(Locale.ROOT, " speedup=%.2f", speedup));
        }
        for (Map.Entry<Integer, double[]> e : results.entrySet()) {
            line.append(String.format(Locale.ROOT, " test_acc_%d=%.4f", e.getKey(), e.getValue()[1]));
        }
        line.append(String.format(Locale.ROOT, " wall_s=%.1f", (System.nanoTime() - wallStart) / 1e9));
        System.out.println(line);
    }

    /** In chunks: one local relation of 60k images would exceed Spark's RPC message limit. */
    static void writeParquet(SparkSession spark, LabeledSamples d, Path path) {
        for (int from = 0; from < d.size(); from += 5000) {
            frame(spark, d, from, Math.min(d.size(), from + 5000))
                    .write()
                    .mode("append")
                    .parquet(path.toString());
        }
    }

    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, LabeledSamples d, int start, int end) {
        List<Row> rows = new ArrayList<>(end - start);
        int f = d.featureSize();
        for (int i = start; i < end; i++) {
            double[] x = new double[f];
            for (int j = 0; j < f; j++) {
                x[j] = d.features()[i * f + j];
            }
            rows.add(RowFactory.create(Vectors.dense(x), (double) d.labels()[i]));
        }
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }
}
