package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.backend.select.Backends;
import io.sparknn.data.LabeledSamples;
import io.sparknn.distributed.spark.DistributedOptions;
import io.sparknn.distributed.spark.DistributedTrainer;
import io.sparknn.distributed.spark.DistributedTrainingResult;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.FashionFrames;
import io.sparknn.train.Evaluation;
import io.sparknn.train.LocalTrainer;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed training across two executor JVMs (local-cluster): the seed-000 MLP trains to
 * the accuracy of single-machine training, and a run whose executor is killed mid-training
 * resumes from its last checkpoint and ends where an unfaulted run ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiJvmTrainingTest {
    private static final NetworkSpec MLP = NetworkSpec.builder(784)
            .dense(256, Activation.RELU)
            .dense(128, Activation.RELU)
            .dense(10, Activation.SOFTMAX)
            .build();
    private static final TrainingConfig CONFIG = TrainingConfig.builder()
            .learningRate(1e-3f)
            .batchSize(128)
            .epochs(6)
            .seed(11)
            .threads(1)
            .build();

    private static SparkSession spark;
    private static LabeledSamples train;
    private static LabeledSamples test;
    private static org.apache.spark.sql.Dataset<Row> trainFrame;
    private static double unfaultedAccuracy = Double.NaN;

    @BeforeAll
    static void startCluster() throws Exception {
        spark = LocalCluster.start(2, "spark-nn-multi-jvm");
        train = FashionFrames.load("train", 6_000);
        test = FashionFrames.load("t10k", 1_000);
        trainFrame = FashionFrames.frame(spark, train).cache();
        trainFrame.count();
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static double accuracy(float[] weights) {
        return Evaluation.of(Network.withParams(MLP, Backends.getDefault(), weights), test, CONFIG.loss(), 500)
                .accuracy();
    }

    @Test
    @Order(1)
    void twoExecutorJvmsTrainAsWellAsOneMachine(@TempDir Path ckpt) {
        DistributedTrainingResult r = new DistributedTrainer(
                        MLP,
                        CONFIG,
                        DistributedOptions.workers(2)
                                .withCheckpoints(ckpt.toUri().toString(), 1, 0))
                .fit(trainFrame, null);
        assertEquals(6, r.history().size());
        unfaultedAccuracy = accuracy(r.weights());

        Network local = Network.create(MLP, Backends.getDefault(), CONFIG.seed());
        new LocalTrainer(CONFIG).fit(local, train, null);
        double single = accuracy(local.params());
        System.out.printf(
                "seed-000 MLP, 6k rows, 6 epochs: 2 executor JVMs %.4f, one machine %.4f%n", unfaultedAccuracy, single);
        assertTrue(unfaultedAccuracy > 0.82, "accuracy " + unfaultedAccuracy);
        assertEquals(single, unfaultedAccuracy, 0.02, "two workers must land in the single-machine accuracy band");
    }

    @Test
    @Order(2)
    void aKilledExecutorResumesFromTheLastCheckpoint(@TempDir Path ckpt) throws Exception {
        AtomicReference<String> killed = new AtomicReference<>();
        Thread killer = new Thread(
                () -> {
                    long deadline = System.nanoTime() + 180_000_000_000L;
                    while (System.nanoTime() < deadline && !LocalCluster.containsCheckpoint(ckpt)) {
                        sleep(20);
                    }
                    List<ProcessHandle> executors = LocalCluster.executorProcesses();
                    if (!executors.isEmpty()) {
                        ProcessHandle victim = executors.get(executors.size() - 1);
                        killed.set("pid " + victim.pid());
                        victim.destroyForcibly();
                    }
                },
                "executor-killer");
        killer.setDaemon(true);
        killer.start();
        DistributedTrainingResult r = new DistributedTrainer(
                        MLP,
                        CONFIG,
                        DistributedOptions.workers(2)
                                .withCheckpoints(ckpt.toUri().toString(), 1, 0))
                .fit(trainFrame, null);
        killer.join(10_000);
        assertTrue(killed.get() != null, "the test must have killed an executor JVM");
        assertTrue(
                r.resumedFromEpoch() >= 1,
                "the run must have resumed from a checkpoint, resumed from epoch " + r.resumedFromEpoch());
        assertEquals(6, r.history().size(), "the history includes the epochs before the failure");
        double faulted = accuracy(r.weights());
        System.out.printf(
                "killed executor %s; resumed from epoch %d; accuracy %.4f (unfaulted %.4f)%n",
                killed.get(), r.resumedFromEpoch(), faulted, unfaultedAccuracy);
        assertEquals(unfaultedAccuracy, faulted, 0.005, "a resumed run must end within 0.5 pt of an unfaulted run");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
