package io.sparknn.bench.ml;

import io.sparknn.backend.select.Backends;
import io.sparknn.bench.engine.SeedNetworks;
import io.sparknn.data.FashionMnist;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.nn.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench soak}: a long-lived driver in miniature. In one JVM on local[2] it fits the
 * seed-000 MLP and the seed-004 CNN in turn ({@code --fits}, two barrier workers, one epoch on
 * {@code --rows} Fashion-MNIST training images) and scores {@code --transforms} times with the
 * latest model of each, alternating, on 2 partitions of {@code --score-rows} test images (so
 * each scoring task ends in a short batch, which runs on oneDNN). The resident set is read after
 * a warm-up ({@code --warmup-fits} 10, {@code --warmup-transforms} 100) and again at the end, both after full collections:
 * {@code RESULT bench=soak fits=... transforms=... rss_start_mb=... rss_end_mb=... growth_pct=...}.
 * Native memory without an owner (primitives per network, a model cache without bound, staging
 * buffers per thread) shows as growth; the target is at most 5%.
 */
public final class SoakBenchmark {
    private SoakBenchmark() {}

    public static void main(String[] args) throws Exception {
        int fits = 20;
        int transforms = 200;
        int rows = 3000;
        int scoreRows = 1200;
        // Ten fits and 100 transforms: with 4 and 40 the JIT code cache and metaspace were still
        // growing after the warm-up (non-heap +26 MiB over the run against +15 MiB after 10 + 100).
        int warmupFits = 10;
        int warmupTransforms = 100;
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--fits" -> fits = positive(args[i], value);
                case "--transforms" -> transforms = positive(args[i], value);
                case "--rows" -> rows = positive(args[i], value);
                case "--score-rows" -> scoreRows = positive(args[i], value);
                case "--warmup-fits" -> warmupFits = positive(args[i], value);
                case "--warmup-transforms" -> warmupTransforms = positive(args[i], value);
                case "--data" -> dir = Path.of(value);
                default ->
                    throw new IllegalArgumentException(
                            "Unknown option " + args[i]
                                    + ". Known: --fits N --transforms N --rows N --score-rows N --warmup-fits N --warmup-transforms N --data DIR");
            }
        }
        long wallStart = System.nanoTime();
        SparkSession spark = LocalSpark.start("spark-nn bench soak");
        try {
            Soak soak = new Soak(
                    FashionMnistFrames.frame(spark, FashionMnist.train(dir), 0, rows)
                            .cache(),
                    FashionMnistFrames.frame(spark, FashionMnist.test(dir), 0, scoreRows)
                            .repartition(2)
                            .cache());
            soak.run(warmupFits, warmupTransforms);
            double start = ResidentSet.settledMiB();
            double heapStart = ResidentSet.heapUsedMiB();
            double nonHeapStart = ResidentSet.nonHeapCommittedMiB();
            System.out.printf(Locale.ROOT, "soak: warm-up done, resident %.0f MiB%n", start);
            soak.run(fits, transforms);
            double end = ResidentSet.settledMiB();
            System.out.printf(
                    Locale.ROOT,
                    "RESULT bench=soak fits=%d transforms=%d warmup=%d+%d rows=%d rss_start_mb=%.0f "
                            + "rss_end_mb=%.0f growth_pct=%.1f heap_used_mb=%.0f->%.0f nonheap_mb=%.0f->%.0f "
                            + "live_convolutions=%d backend=%s wall_s=%.0f%n",
                    fits,
                    transforms,
                    warmupFits,
                    warmupTransforms,
                    rows,
                    start,
                    end,
                    100 * (end - start) / start,
                    heapStart,
                    ResidentSet.heapUsedMiB(),
                    nonHeapStart,
                    ResidentSet.nonHeapCommittedMiB(),
                    Backends.getDefault().liveConvolutions(),
                    Backends.getDefault().name(),
                    (System.nanoTime() - wallStart) / 1e9);
        } finally {
            spark.stop();
        }
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + value + "'");
    }

    /** Fits and transforms, interleaved as a driver that serves many requests would run them. */
    private static final class Soak {
        private final org.apache.spark.sql.Dataset<Row> fitRows;
        private final org.apache.spark.sql.Dataset<Row> scoreRows;
        private final long scoreCount;
        private final NeuralNetworkClassificationModel[] latest = new NeuralNetworkClassificationModel[2];
        private int fitted;
        private int scored;

        Soak(org.apache.spark.sql.Dataset<Row> fitRows, org.apache.spark.sql.Dataset<Row> scoreRows) {
            this.fitRows = fitRows;
            this.scoreRows = scoreRows;
            this.scoreCount = scoreRows.count();
            fitRows.count(); // both cached before the warm-up
        }

        /** {@code fits} fits, each followed by its share of {@code transforms} transforms. */
        void run(int fits, int transforms) throws IOException {
            for (int f = 0; f < fits; f++) {
                fit();
                int until = (int) ((long) transforms * (f + 1) / fits);
                for (int t = (int) ((long) transforms * f / fits); t < until; t++) {
                    transform();
                }
            }
        }

        private void fit() throws IOException {
            int kind = fitted % 2; // 0: seed-000 MLP, 1: seed-004 CNN
            NetworkSpec spec = kind == 0 ? SeedNetworks.seed000() : SeedNetworks.seed004();
            long t0 = System.nanoTime();
            latest[kind] = new NeuralNetworkClassifier()
                    .setNetwork(spec)
                    .setNumWorkers(2)
                    .setMaxEpochs(1)
                    .setBatchSize(64)
                    .setSeed(fitted)
                    .fit(fitRows);
            fitted++;
            System.out.printf(
                    Locale.ROOT,
                    "soak: fit %d (%s) in %.1f s, resident %.0f MiB%n",
                    fitted,
                    kind == 0 ? "seed-000 MLP" : "seed-004 CNN",
                    (System.nanoTime() - t0) / 1e9,
                    ResidentSet.currentMiB());
        }

        private void transform() {
            NeuralNetworkClassificationModel model = latest[scored % 2] != null ? latest[scored % 2] : latest[0];
            long n = model.transform(scoreRows)
                    .select("prediction")
                    .collectAsList()
                    .size();
            if (n != scoreCount) {
                throw new IllegalStateException(
                        "transform " + scored + " returned " + n + " of " + scoreCount + " rows");
            }
            scored++;
        }
    }
}
