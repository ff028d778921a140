package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.FashionFrames;
import io.sparknn.testkit.TestSpark;
import io.sparknn.train.Evaluation;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distributed training through a Spark barrier stage on local[2] (two workers, one JVM). */
class DistributedTrainerTest {
    static final NetworkSpec MLP = NetworkSpec.builder(784)
            .dense(256, Activation.RELU)
            .dense(128, Activation.RELU)
            .dense(10, Activation.SOFTMAX)
            .build();

    @Test
    void twoWorkersTrainTheMlpAsWellAsOneMachine(@TempDir Path ckpt) throws Exception {
        SparkSession spark = TestSpark.session();
        LabeledSamples train = FashionFrames.load("train", 5760);
        LabeledSamples test = FashionFrames.load("t10k", 1000);
        TrainingConfig cfg = TrainingConfig.builder()
                .learningRate(1e-3f)
                .batchSize(64)
                .epochs(2)
                .seed(3)
                .threads(1)
                .build();
        DistributedTrainingResult r = new DistributedTrainer(
                        MLP,
                        cfg,
                        DistributedOptions.workers(2)
                                .withCheckpoints(ckpt.toUri().toString(), 1, 0))
                .fit(FashionFrames.frame(spark, train), FashionFrames.frame(spark, test));
        assertEquals(2, r.history().size());
        assertEquals(2 * 90, r.globalSteps()); // 5760 / 64 steps per epoch
        double distributed = Evaluation.of(
                        Network.withParams(MLP, Backends.getDefault(), r.weights()), test, cfg.loss(), 500)
                .accuracy();
        assertEquals(
                distributed,
                r.history().get(1).validationAccuracy(),
                1e-6,
                "the validation figure computed by the workers must match an evaluation on the driver");

        Network local = Network.create(MLP, Backends.getDefault(), cfg.seed());
        new LocalTrainer(cfg).fit(local, train, null);
        double single = Evaluation.of(local, test, cfg.loss(), 500).accuracy();
        System.out.printf("2 workers: %.4f, one machine: %.4f%n", distributed, single);
        assertTrue(distributed > 0.78, "accuracy " + distributed);
        assertEquals(single, distributed, 0.03, "distributed and single-machine accuracy must be in the same band");
    }

    @Test
    void aValidationFlagTrainsExactlyLikeTwoFrames() throws Exception {
        SparkSession spark = TestSpark.session();
        NetworkSpec small =
                NetworkSpec.builder(784).dense(10, Activation.SOFTMAX).build();
        org.apache.spark.sql.Dataset<Row> df = FashionFrames.frame(spark, FashionFrames.load("train", 600))
                .repartition(3)
                .withColumn("isVal", functions.expr("CASE WHEN label = 9 THEN null ELSE label % 4 = 0 END"));
        TrainingConfig cfg = TrainingConfig.builder()
                .learningRate(1e-3f)
                .batchSize(32)
                .epochs(2)
                .seed(5)
                .threads(1)
                .build();
        DistributedTrainer trainer = new DistributedTrainer(small, cfg, DistributedOptions.workers(2));

        DistributedTrainingResult flagged = trainer.fitFlagged(df, "isVal");
        DistributedTrainingResult split = trainer.fit(df.filter("NOT isVal"), df.filter("isVal"));
        assertArrayEquals(split.weights(), flagged.weights());
        assertEquals(
                split.history().get(1).validationLoss(),
                flagged.history().get(1).validationLoss());
        assertEquals(split.history().get(1).samples(), flagged.history().get(1).samples(), "null flags are left out");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> trainer.fitFlagged(df.withColumn("isVal", functions.lit(1)), "isVal"));
        assertTrue(
                e.getMessage().startsWith("The validation flag column 'isVal' must be a boolean column"),
                e.getMessage());
    }

    @Test
    void aMissingColumnFailsBeforeAnyJob() throws Exception {
        SparkSession spark = TestSpark.session();
        org.apache.spark.sql.Dataset<Row> df =
                FashionFrames.frame(spark, FashionFrames.load("t10k", 10)).withColumnRenamed("label", "y");
        TrainingConfig cfg = TrainingConfig.builder().threads(1).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new DistributedTrainer(MLP, cfg, DistributedOptions.workers(2)).fit(df, null));
        assertTrue(
                e.getMessage().contains("has no column 'label'")
                        && e.getMessage().contains("[features, y]"),
                e.getMessage());
    }

    @Test
    void tooManyWorkersForTheCoresFailBeforeAnyJob() throws Exception {
        SparkSession spark = TestSpark.session();
        org.apache.spark.sql.Dataset<Row> df = FashionFrames.frame(spark, FashionFrames.load("t10k", 10));
        TrainingConfig cfg = TrainingConfig.builder().threads(1).build();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new DistributedTrainer(MLP, cfg, DistributedOptions.workers(3)).fit(df, null));
        assertTrue(e.getMessage().contains("Spark runs with 2 core(s)"), e.getMessage());
    }

    private static int shuffles(SparkPlan plan) {
        int n = plan instanceof ShuffleExchangeExec ? 1 : 0;
        for (SparkPlan child : io.sparknn.sparkio.compat.ScalaCollections.asJava(plan.children())) {
            n += shuffles(child);
        }
        return n;
    }

    @Test
    void rowsTheCallerSpreadOverTheWorkersAreReadWithoutAnotherShuffle() throws Exception {
        SparkSession spark = TestSpark.session();
        LabeledSamples train = FashionFrames.load("train", 1024);
        Dataset<Row> rows = FashionFrames.frame(spark, train);
        DistributedOptions two = DistributedOptions.workers(2);
        TrainingRows training = new TrainingRows(two);
        assertEquals(
                1,
                shuffles(training.of(rows.repartition(2), null).queryExecution().sparkPlan()));
        assertEquals(1, shuffles(training.of(rows, null).queryExecution().sparkPlan()));
        assertFalse(training.alreadySpread(rows));
        assertFalse(training.alreadySpread(rows.repartition(3)));
        assertFalse(training.alreadySpread(rows.repartition(4).coalesce(2)));
        assertTrue(training.alreadySpread(rows.repartition(2, functions.col("label"))));

        // The barrier stage accepts the caller's partitions and trains on exactly their rows.
        TrainingConfig cfg = TrainingConfig.builder()
                .batchSize(64)
                .epochs(1)
                .seed(5)
                .threads(1)
                .build();
        Dataset<Row> spread = rows.repartition(2);
        long[] sizes = spread
                .javaRDD()
                .mapPartitions(it -> {
                    long n = 0;
                    for (; it.hasNext(); it.next()) {
                        n++;
                    }
                    return java.util.List.of(n).iterator();
                })
                .collect()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        DistributedTrainingResult a = new DistributedTrainer(MLP, cfg, two).fit(spread, null);
        DistributedTrainingResult b = new DistributedTrainer(MLP, cfg, two).fit(spread, null);
        assertArrayEquals(sizes, a.input().trainRowsPerWorker());
        assertArrayEquals(a.weights(), b.weights(), "the same partitions train to the same weights");
    }
}
