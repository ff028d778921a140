package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPreflightTest {

    @Test
    void aCheckpointDirThatCannotBeCreatedIsNamed(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String dir = file.resolve("checkpoints").toUri().toString();
        TrainingSetupException e = assertThrows(
                TrainingSetupException.class, () -> TrainingPreflight.checkCheckpointDir(dir, new Configuration()));
        assertTrue(
                e.getMessage().contains("Checkpoints cannot be written to checkpointDir " + dir)
                        && e.getMessage().contains("choose another checkpointDir"),
                e.getMessage());
    }

    @Test
    void aCheckpointDirThatIsAFileIsNamed(@TempDir Path tmp) throws Exception {
        String dir = Files.writeString(tmp.resolve("a-file"), "x").toUri().toString();
        TrainingSetupException e = assertThrows(
                TrainingSetupException.class, () -> TrainingPreflight.checkCheckpointDir(dir, new Configuration()));
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
    }

    @Test
    void aWritableCheckpointDirIsCreatedAndLeftWithoutTheProbe(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("new/checkpoints");
        TrainingPreflight.checkCheckpointDir(dir.toUri().toString(), new Configuration());
        assertTrue(Files.isDirectory(dir));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the write probe must be deleted");
        }
    }

    @Test
    void aNetworkBeyondTheHeapFailsWithTheEstimateAndTheSetting() {
        // 15,360 x 15,300 = 235M weights: ~0.9 GiB each for weights, gradients and the result copy.
        NetworkSpec huge =
                NetworkSpec.builder(15_360).dense(15_300, Activation.SOFTMAX).build();
        TrainingConfig cfg = TrainingConfig.builder().batchSize(64).threads(1).build();
        TrainingSetupException e = assertThrows(
                TrainingSetupException.class,
                () -> TrainingPreflight.checkMemory(huge, cfg, 2, 1L << 30, "spark.executor.memory=1g"));
        assertTrue(
                e.getMessage().contains("network of 235,023,300 parameters")
                        && e.getMessage().contains("weights 897 MiB")
                        && e.getMessage().contains("spark.executor.memory=1g")
                        && e.getMessage().contains("Raise spark.executor.memory,"),
                e.getMessage());
    }

    @Test
    void theMlpFitsAGigabyte() {
        NetworkSpec mlp = NetworkSpec.builder(784)
                .dense(256, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .build();
        TrainingConfig cfg = TrainingConfig.builder().batchSize(512).threads(2).build();
        assertDoesNotThrow(() -> TrainingPreflight.checkMemory(mlp, cfg, 2, 1L << 30, "spark.executor.memory=1g"));
    }

    @Test
    void aWorkerWithoutTrainingRowsIsNamed() {
        String problem = TrainingPreflight.rowsPerWorkerProblem(new long[] {3, 0, 2});
        assertNull(TrainingPreflight.rowsPerWorkerProblem(new long[] {3, 1, 2}));
        assertTrue(
                problem.startsWith("Worker 1 of 3 would train on no rows: the 5 training row(s) split as "
                        + "[3, 0, 2] over numWorkers=3"),
                problem);
    }

    @Test
    void onlyTheDriversOwnHadoopSettingsTravelToTheWorkers() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "http://minio:9000");
        assertEquals(Map.of("fs.s3a.endpoint", "http://minio:9000"), HadoopOverrides.of(conf));
        assertEquals(
                "http://minio:9000",
                HadoopOverrides.apply(HadoopOverrides.of(conf), null).get("fs.s3a.endpoint"));
    }
}
