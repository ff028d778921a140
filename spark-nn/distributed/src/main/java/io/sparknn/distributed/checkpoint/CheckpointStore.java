package io.sparknn.distributed.checkpoint;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a training run keeps its {@link Checkpoint}s: weights, optimizer state, training position,
 * the sums of the epoch in progress and the history, in the engine's model file format. Writes
 * are atomic: a reader sees the previous checkpoint or the complete new one, never a partial file.
 */
public interface CheckpointStore {

    /** The newest complete checkpoint, if any. */
    Optional<Checkpoint> latest() throws IOException;

    /** Writes a checkpoint atomically and removes checkpoints older than the retained ones. */
    void save(Checkpoint checkpoint) throws IOException;

    /** Where the checkpoints are, for messages. */
    String location();
}
