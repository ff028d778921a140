package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.TestSpark;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures certain to repeat are caught on the driver before the training stage, and a stage
 * that fails anyway reports the worker's own error in one line.
 */
class TrainingStageFailureTest {
    private static final NetworkSpec SMALL =
            NetworkSpec.builder(4).dense(3, Activation.SOFTMAX).build();
    private static final TrainingConfig CFG =
            TrainingConfig.builder().batchSize(8).epochs(1).threads(1).seed(1).build();

    private static Dataset<Row> rows(int n) {
        Random rnd = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(
                    Vectors.dense(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()),
                    (double) (i % 3)));
        }
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return TestSpark.session().createDataFrame(rows, schema);
    }

    /** Counts the Spark jobs started while it is open, and among them the training stage's. */
    private static final class JobCounter extends SparkListener implements AutoCloseable {
        private final AtomicInteger jobs = new AtomicInteger();
        private final AtomicInteger training = new AtomicInteger();

        JobCounter() {
            TestSpark.session().sparkContext().addSparkListener(this);
        }

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            jobs.incrementAndGet();
            String description =
                    job.properties() == null ? null : job.properties().getProperty("spark.job.description");
            if (description != null && description.startsWith("spark-nn: training")) {
                training.incrementAndGet();
            }
        }

        int training() throws Exception {
            count();
            return training.get();
        }

        int count() throws Exception {
            TestSpark.session().sparkContext().listenerBus().waitUntilEmpty(10_000);
            return jobs.get();
        }

        @Override
        public void close() {
            TestSpark.session().sparkContext().removeSparkListener(this);
        }
    }

    @Test
    void anUnwritableCheckpointDirFailsBeforeAnyJob(@TempDir Path tmp) throws Exception {
        Dataset<Row> df = rows(40);
        String dir = Files.writeString(tmp.resolve("a-file"), "x")
                .resolve("ckpt")
                .toUri()
                .toString();
        try (JobCounter jobs = new JobCounter()) {
            TrainingSetupException e = assertThrows(
                    TrainingSetupException.class,
                    () -> new DistributedTrainer(
                                    SMALL, CFG, DistributedOptions.workers(2).withCheckpoints(dir, 1, 0))
                            .fit(df, null));
            assertTrue(
                    e.getMessage().contains("Checkpoints cannot be written to checkpointDir " + dir), e.getMessage());
            assertEquals(0, jobs.count());
        }
    }

    @Test
    void aWorkerWithoutRowsStopsEveryWorkerBeforeTheFirstStep() throws Exception {
        Dataset<Row> df = rows(1);
        try (JobCounter jobs = new JobCounter()) {
            TrainingDataException e = assertThrows(
                    TrainingDataException.class,
                    () -> new DistributedTrainer(SMALL, CFG, DistributedOptions.workers(2)).fit(df, null));
            assertTrue(
                    e.getMessage().contains("would train on no rows: the 1 training row(s) split as"), e.getMessage());
            assertInstanceOf(RejectedInputException.class, e);
            assertEquals(1, jobs.training(), "the training stage counts the rows as it reads them, and stops");
            // Adaptive execution runs the shuffle that spreads the rows over the workers as a job of
            // its own; nothing else runs before the training stage.
            assertTrue(jobs.count() <= 2, "only the shuffle and the training stage: " + jobs.count());
        }
    }

    @Test
    void aNetworkBeyondTheHeapFailsBeforeAnyJob() {
        NetworkSpec huge =
                NetworkSpec.builder(15_360).dense(15_300, Activation.SOFTMAX).build();
        Dataset<Row> df = rows(4);
        TrainingSetupException e = assertThrows(
                TrainingSetupException.class,
                () -> new DistributedTrainer(huge, CFG, DistributedOptions.workers(2)).fit(df, null));
        assertTrue(
                e.getMessage().contains("A worker needs at least")
                        && e.getMessage().contains("spark.driver.memory"),
                e.getMessage());
    }

    @Test
    void aFailedStageCarriesTheWorkersOwnErrorInOneLine(@TempDir Path tmp) {
        Dataset<Row> df = rows(40);
        String dir = tmp.resolve("ckpt").toUri().toString();
        DistributedOptions options = DistributedOptions.workers(2).withCheckpoints(dir, 1, 0);
        // Two epochs: the checkpoint after the first stays (none is written after the last).
        new DistributedTrainer(
                        SMALL,
                        TrainingConfig.builder()
                                .batchSize(8)
                                .epochs(2)
                                .threads(1)
                                .build(),
                        options)
                .fit(df, null);
        NetworkSpec other = NetworkSpec.builder(4)
                .dense(5, Activation.RELU)
                .dense(3, Activation.SOFTMAX)
                .build();
        DistributedTrainingException e = assertThrows(
                DistributedTrainingException.class, () -> new DistributedTrainer(other, CFG, options).fit(df, null));
        String line = e.getMessage();
        assertEquals(-1, line.indexOf('\n'), "one line: " + line);
        assertTrue(
                line.startsWith("spark-nn training failed on the executors after ")
                        && line.contains("first error: worker ")
                        && line.contains("java.lang.IllegalStateException: The checkpoint in file:")
                        && line.contains("/ckpt is for another network"),
                line);
    }
}
