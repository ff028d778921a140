package io.sparknn.bench.ml;

import io.sparknn.backend.select.Backends;
import io.sparknn.bench.engine.SeedNetworks;
import io.sparknn.data.FashionMnist;
import io.sparknn.data.LabeledSamples;
import io.sparknn.ml.LearnedNetwork;
import io.sparknn.ml.TrainingSummary;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench inference}: scores {@code --rows} Fashion-MNIST-shaped rows (the 10,000 test
 * images repeated) through {@code model.transform} on local[2] with a trained seed-000 model,
 * and through Spark's own MultilayerPerceptronClassificationModel with the same layer sizes in
 * the same run. Each model scores the cached rows three times; the best pass counts. Prints
 * {@code RESULT bench=inference rows=... rows_per_s=... mllib_rows_per_s=... ratio=...}.
 */
public final class InferenceBenchmark {
    private InferenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = 200_000;
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--data" -> dir = Path.of(args[i + 1]);
                default ->
                    throw new IllegalArgumentException("Unknown option " + args[i] + ". Known: --rows N --data DIR");
            }
        }
        long wallStart = System.nanoTime();
        SparkSession spark = LocalSpark.start("spark-nn bench inference");
        try {
            LabeledSamples test = FashionMnist.test(dir);
            NetworkSpec spec = SeedNetworks.seed000();
            Network net = Network.create(spec, Backends.getDefault(), 0);
            new LocalTrainer(TrainingConfig.builder()
                            .batchSize(128)
                            .epochs(1)
                            .seed(0)
                            .build())
                    .fit(net, FashionMnist.train(dir), null);
            NeuralNetworkClassificationModel ours = new NeuralNetworkClassificationModel(
                    "nn", new LearnedNetwork(spec, net.params(), net.state(), TrainingSummary.empty()));

            org.apache.spark.sql.Dataset<Row> images = FashionMnistFrames.frame(spark, test, 0, 2000);
            for (int from = 2000; from < test.size(); from += 2000) {
                images = images.union(FashionMnistFrames.frame(spark, test, from, Math.min(test.size(), from + 2000)));
            }
            int repeats = (rows + test.size() - 1) / test.size();
            org.apache.spark.sql.Dataset<Row> df = images.crossJoin(
                            spark.range(repeats).toDF("copy"))
                    .limit(rows)
                    .repartition(2)
                    .cache();
            long n = df.count();
            // Same layer sizes in MLlib; one iteration is enough to get a model to time.
            MultilayerPerceptronClassificationModel mllib = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {784, 256, 128, 10})
                    .setMaxIter(1)
                    .setSeed(1)
                    .fit(images.limit(2000));

            double oursRate = best(ours, df, n);
            double mllibRate = best(mllib, df, n);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT bench=inference rows=%d backend=%s gemm=%s rows_per_s=%.0f mllib_rows_per_s=%.0f "
                            + "ratio=%.1f wall_s=%.1f%n",
                    n,
                    Backends.getDefault().name(),
                    Backends.getDefault().gemm(),
                    oursRate,
                    mllibRate,
                    oursRate / mllibRate,
                    (System.nanoTime() - wallStart) / 1e9);
        } finally {
            spark.stop();
        }
    }

    /** Rows per second of the best of three full scoring passes (the first warms the JIT). */
    private static double best(Transformer model, org.apache.spark.sql.Dataset<Row> df, long n) {
        double best = 0;
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            model.transform(df)
                    .select("probability", "prediction")
                    .write()
                    .format("noop")
                    .mode("overwrite")
                    .save();
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(
                    Locale.ROOT, "%s pass %d: %.0f rows/s%n", model.getClass().getSimpleName(), pass + 1, rate);
            best = Math.max(best, rate);
        }
        return best;
    }
}
