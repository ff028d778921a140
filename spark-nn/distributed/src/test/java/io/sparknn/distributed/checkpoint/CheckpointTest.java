package io.sparknn.distributed.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.checkpoint.Checkpoint.EpochSums;
import io.sparknn.model.SavedNetwork;
import io.sparknn.model.TrainingState;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.optim.Adam;
import io.sparknn.optim.OptimizerState;
import io.sparknn.train.EpochStats;
import io.sparknn.train.EpochStatsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint record on disk: a round trip, checkpoints of the previous build, and damaged files. */
class CheckpointTest {
    private static final NetworkSpec SPEC =
            NetworkSpec.builder(3).dense(2, Activation.SOFTMAX).build(); // 8 params
    private static final List<EpochStats> HISTORY = List.of(
            new EpochStats(1, 0.75, 0.5, Double.NaN, Double.NaN, 96, 0.125),
            new EpochStats(2, 0.625, 0.5625, 0.7, 0.55, 96, 0.25));

    private static SavedNetwork network(TrainingState position) {
        float[] w = {1, 2, 3, 4, 5, 6, 7, 8};
        float[][] slots = {{.1f, .2f, .3f, .4f, .5f, .6f, .7f, .8f}, {1, 1, 1, 1, 2, 2, 2, 2}};
        return new SavedNetwork(SPEC, w, new Adam(), new OptimizerState(8, 33, slots), position);
    }

    private static TrainingState.Builder position() {
        return TrainingState.builder().epoch(2).stepInEpoch(5).globalStep(33).seed(42);
    }

    private static HadoopCheckpointStore store(Path dir) {
        return new HadoopCheckpointStore(dir.toUri().toString(), new Configuration(), 2);
    }

    @Test
    void aCheckpointReadsBackAsWritten(@TempDir Path dir) throws IOException {
        EpochSums sums = new EpochSums(12.345678901234567, 40, 17, 40);
        store(dir).save(new Checkpoint(network(position().build()), sums, HISTORY));

        Checkpoint back = store(dir).latest().orElseThrow();
        assertEquals(sums, back.partialEpoch());
        assertEquals(HISTORY, back.history());
        assertEquals(position().build(), back.trainingState(), "the position alone, without the entries");
        assertArrayEquals(network(null).weights(), back.network().weights());
        assertArrayEquals(
                network(null).optimizerState().slots()[1],
                back.network().optimizerState().slots()[1]);
        assertEquals(33, back.network().optimizerState().step());
        assertTrue(Files.exists(dir.resolve("checkpoint-000000000033.spnn")));
    }

    @Test
    void aCheckpointOfThePreviousBuildResumes(@TempDir Path dir) throws IOException {
        // What TrainingWorker wrote before the format had a version: the same entries, no tag.
        TrainingState old = position()
                .extra("epochLossSum", "3.5")
                .extra("epochWeightSum", "10.0")
                .extra("epochCorrect", "7.0")
                .extra("epochSamples", "10.0")
                .extra("history", EpochStatsJson.write(HISTORY))
                .build();
        network(old).write(dir.resolve("checkpoint-000000000033.spnn"));

        Checkpoint back = store(dir).latest().orElseThrow();
        assertEquals(new EpochSums(3.5, 10, 7, 10), back.partialEpoch());
        assertEquals(HISTORY, back.history());
        assertEquals(5, back.trainingState().stepInEpoch());
    }

    @Test
    void aCheckpointOfANewerBuildNamesBothVersions(@TempDir Path dir) throws IOException {
        network(position().extra("checkpointFormat", "7").build()).write(dir.resolve("checkpoint-000000000033.spnn"));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> store(dir).latest());
        assertTrue(
                e.getMessage()
                        .contains("checkpoint-000000000033.spnn has unsupported format version 7 (this build "
                                + "reads up to 1)"),
                e.getMessage());
    }

    @Test
    void aDamagedEntryNamesTheFileAndTheEntry(@TempDir Path dir) throws IOException {
        network(position().extra("epochLossSum", "abc").build()).write(dir.resolve("checkpoint-000000000033.spnn"));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> store(dir).latest());
        assertTrue(
                e.getMessage().contains("checkpoint-000000000033.spnn is damaged: its entry 'epochLossSum' is 'abc'"),
                e.getMessage());
    }

    @Test
    void aModelFileWithoutPositionIsNotACheckpoint(@TempDir Path dir) throws IOException {
        network(null).write(dir.resolve("checkpoint-000000000001.spnn"));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> store(dir).latest());
        assertTrue(
                e.getMessage().contains("is a model file without a training position, not a checkpoint"),
                e.getMessage());
    }

    @Test
    void aTruncatedCheckpointFileIsAClearError(@TempDir Path dir) throws IOException {
        store(dir).save(new Checkpoint(network(position().build()), EpochSums.NONE, HISTORY));
        Path file = dir.resolve("checkpoint-000000000033.spnn");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        Files.deleteIfExists(dir.resolve(".checkpoint-000000000033.spnn.crc")); // as on a store without checksums
        IOException e = assertThrows(IOException.class, () -> store(dir).latest());
        assertTrue(e.getMessage().contains("checkpoint-000000000033.spnn': the file is truncated"), e.getMessage());
    }
}
