package io.sparknn.bench.distributed;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.FashionMnist;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.spark.DistributedOptions;
import io.sparknn.distributed.spark.DistributedTrainer;
import io.sparknn.distributed.spark.DistributedTrainingResult;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench spill}: training data larger than the executors' memory. The seed-000 MLP trains on
 * 2 workers of a {@code local-cluster[2,1,M]} on a Delta table of shifted Fashion-MNIST copies
 * (600,000 rows, about 1.9 GB of float32 features, by default), twice: with 1 GB executors, where
 * each worker memory-maps the features beyond its budget from a spill file, and with executors
 * large enough to hold everything. The bench fails unless the first run spilled and the second did
 * not (the workers log it). It prints
 * {@code RESULT bench=spill rows=... samples_per_s_spill=... samples_per_s_memory=... ratio=...
 * peak_executor_rss_mb=...}: throughput as in {@code bench scaling} (the epochs after the first),
 * and the spill run's largest executor VmHWM.
 */
public final class SpillBenchmark {
    /** What a worker logs when its features go to a spill file (BarrierTrainingFunction). */
    static final String SPILL_LOG = "are memory-mapped from a spill file";

    /**
     * The workers' on-heap feature budget; the spill run leaves it at the product's default (25% of
     * the heap) unless {@code --feature-memory} sets it.
     */
    private static final String FEATURE_MEMORY = "spark.sparknn.worker.featureMemory";

    private static final Map<String, String> DELTA = Map.of(
            "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
            "spark.databricks.delta.snapshotPartitions", "2");

    private SpillBenchmark() {}

    /** One training run: its figures and the executors' spill log lines. */
    record Run(
            double samplesPerSecond,
            double testAccuracy,
            double fitSeconds,
            long peakRssMb,
            long peakAnonMb,
            List<String> spillLines) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(
                args,
                List.of(
                        "rows",
                        "epochs",
                        "dir",
                        "data",
                        "executor-memory",
                        "memory-executor-memory",
                        "feature-memory",
                        "global-batch",
                        "seed"));
        long rows = Long.parseLong(opts.getOrDefault("rows", "600000"));
        if (rows < 1 || rows > 60_000L * ShiftedCopies.MAX_COPIES) {
            throw new IllegalArgumentException("--rows " + rows + " is out of range: the table holds at most "
                    + ShiftedCopies.MAX_COPIES + " shifted copies of the 60,000 training images, so 1.."
                    + 60_000L * ShiftedCopies.MAX_COPIES);
        }
        int epochs = Integer.parseInt(opts.getOrDefault("epochs", "2"));
        int batch = Integer.parseInt(opts.getOrDefault("global-batch", "512"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "0"));
        Path dir = Path.of(opts.getOrDefault("dir", System.getProperty("java.io.tmpdir") + "/sparknn-bench-spill"))
                .toAbsolutePath();
        Path data = Path.of(opts.getOrDefault("data", FashionMnist.DEFAULT_DIR));
        String spillMemory = opts.getOrDefault("executor-memory", "1024m");
        String fullMemory = opts.getOrDefault("memory-executor-memory", "5120m");
        String featureMemory = opts.getOrDefault("feature-memory", "default");
        long wallStart = System.nanoTime();
        LabeledSamples test = FashionMnist.test(data);
        TrainingConfig cfg = Seed000Mlp.config(batch, epochs, seed);

        // The table is written by executors of their own application, so that the training runs'
        // executor JVMs (and their resident-set high-water marks) start fresh.
        String table;
        SparkSession prep = LocalClusterSession.start(2, mb(fullMemory), "spark-nn bench spill (data)", DELTA);
        try {
            table = ShiftedFashionTable.ensure(prep, dir, data, rows);
        } finally {
            prep.stop();
        }

        Run spill = run(
                "spill",
                spillMemory,
                featureMemory.equals("default") ? Map.of() : Map.of(FEATURE_MEMORY, featureMemory),
                table,
                cfg,
                test);
        if (spill.spillLines().isEmpty()) {
            throw new IllegalStateException("The run with " + spillMemory + " executors did not spill: no worker "
                    + "logged '" + SPILL_LOG + "', so it measured nothing beyond memory. Use more --rows or smaller "
                    + "--executor-memory.");
        }
        spill.spillLines().forEach(l -> System.out.println("  executor: " + l.trim()));
        Run memory = run("memory", fullMemory, Map.of(), table, cfg, test);
        if (!memory.spillLines().isEmpty()) {
            throw new IllegalStateException("The in-memory run with " + fullMemory + " executors spilled too ("
                    + memory.spillLines().get(0).trim() + "); give it more --memory-executor-memory.");
        }

        System.out.println(String.format(
                Locale.ROOT,
                "RESULT bench=spill rows=%d backend=%s gemm=%s global_batch=%d epochs=%d measured_epochs=%s "
                        + "samples_per_s_spill=%.0f samples_per_s_memory=%.0f ratio=%.2f peak_executor_rss_mb=%d "
                        + "peak_executor_anon_mb=%d peak_executor_rss_mb_memory=%d executor_memory=%s "
                        + "feature_memory=%s memory_executor_memory=%s fit_s_spill=%.1f fit_s_memory=%.1f test_acc_spill=%.4f "
                        + "test_acc_memory=%.4f wall_s=%.1f",
                rows,
                Backends.getDefault().name(),
                Backends.getDefault().gemm(),
                batch,
                epochs,
                Seed000Mlp.measuredEpochs(epochs),
                spill.samplesPerSecond(),
                memory.samplesPerSecond(),
                spill.samplesPerSecond() / memory.samplesPerSecond(),
                spill.peakRssMb(),
                spill.peakAnonMb(),
                memory.peakRssMb(),
                spillMemory,
                featureMemory,
                fullMemory,
                spill.fitSeconds(),
                memory.fitSeconds(),
                spill.testAccuracy(),
                memory.testAccuracy(),
                (System.nanoTime() - wallStart) / 1e9));
    }

    private static Run run(
            String name,
            String executorMemory,
            Map<String, String> settings,
            String table,
            TrainingConfig cfg,
            LabeledSamples test)
            throws Exception {
        System.out.printf("run=%s: 2 workers in %s executors %s%n", name, executorMemory, settings);
        Map<String, String> conf = new java.util.HashMap<>(DELTA);
        conf.putAll(settings);
        SparkSession spark =
                LocalClusterSession.start(2, mb(executorMemory), "spark-nn bench spill (" + name + ")", conf);
        try {
            String app = spark.sparkContext().applicationId();
            Dataset<Row> df = spark.read().format("delta").load(table);
            DistributedTrainingResult r;
            long t0 = System.nanoTime();
            long peak;
            long anon;
            try (ExecutorRss rss = new ExecutorRss(app)) {
                r = new DistributedTrainer(Seed000Mlp.SPEC, cfg, DistributedOptions.workers(2)).fit(df, null);
                rss.stop();
                if (rss.executorsSeen() == 0) {
                    throw new IllegalStateException("Found no executor JVM of " + app + " in /proc to measure");
                }
                peak = rss.peakMib();
                anon = rss.peakAnonMib();
            }
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            Run run = new Run(
                    Seed000Mlp.samplesPerSecond(r.history()),
                    Seed000Mlp.testAccuracy(r.weights(), cfg, test),
                    fitSeconds,
                    peak,
                    anon,
                    ExecutorLogs.grep(app, SPILL_LOG));
            System.out.printf(
                    Locale.ROOT,
                    "run=%s samples_per_s=%.0f test_acc=%.4f fit_s=%.1f peak_executor_rss_mb=%d "
                            + "peak_executor_anon_mb=%d spilled=%s%n",
                    name,
                    run.samplesPerSecond(),
                    run.testAccuracy(),
                    fitSeconds,
                    peak,
                    anon,
                    !run.spillLines().isEmpty());
            // Worker 0's split of each epoch: where a slower spill run loses its time.
            r.history()
                    .forEach(e -> System.out.printf(
                            Locale.ROOT,
                            "  %s compute_s=%.2f communication_s=%.2f%n",
                            e,
                            e.computeSeconds(),
                            e.communicationSeconds()));
            return run;
        } finally {
            spark.stop();
        }
    }

    private static int mb(String size) {
        return Math.toIntExact(JavaUtils.byteStringAsMb(size));
    }
}
