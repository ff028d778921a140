package io.sparknn.distributed.checkpoint;

import io.sparknn.model.SavedNetwork;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a training run keeps its checkpoints: weights, optimizer state and training position in
 * the engine's model file format. Writes are atomic: a reader sees the previous checkpoint or
 * the complete new one, never a partial file.
 */
public interface CheckpointStore {

    /** The newest complete checkpoint, if any. */
    Optional<SavedNetwork> latest() throws IOException;

    /** Writes a checkpoint atomically and removes checkpoints older than the retained ones. */
    void save(SavedNetwork checkpoint) throws IOException;

    /** Where the checkpoints are, for messages. */
    String location();
}
