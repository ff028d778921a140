package io.sparknn.model;

import io.sparknn.backend.Backend;
import io.sparknn.nn.InvalidNetworkException;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.optim.Optimizer;
import io.sparknn.optim.OptimizerState;
import io.sparknn.optim.Optimizers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A network (spec and weights), optionally with its optimizer and training state, as stored in
 * a {@link ModelFile}. Loading checks what the byte format cannot: that the spec parses and that
 * the weight and optimizer-slot counts are the ones the spec needs.
 *
 * @param optimizer      null when the file has no optimizer state
 * @param optimizerState null when the file has no optimizer state
 * @param trainingState  null when the file has no training state
 */
public record SavedNetwork(NetworkSpec spec, float[] weights, Optimizer optimizer,
                           OptimizerState optimizerState, TrainingState trainingState) {

    /** Spec and weights only, e.g. a fitted model for inference. */
    public static SavedNetwork of(Network net) {
        return new SavedNetwork(net.spec(), net.params(), null, null, null);
    }

    public Network toNetwork(Backend backend) {
        return Network.withParams(spec, backend, weights.clone());
    }

    public ModelFileContents toContents() {
        ModelFileContents.Builder b = ModelFileContents.builder(spec.toJson(), weights);
        if (optimizer != null && optimizerState != null) {
            b.optimizerState(SavedOptimizerState.of(optimizer.toJson(), optimizerState.step(), optimizerState.slots()));
        }
        if (trainingState != null) {
            b.trainingState(trainingState);
        }
        return b.build();
    }

    public void write(OutputStream out) throws IOException {
        ModelFile.write(out, toContents());
    }

    /** Writes atomically (temp file and rename). */
    public void write(Path path) throws IOException {
        ModelFile.write(path, toContents());
    }

    public static SavedNetwork read(Path path) throws IOException {
        return fromContents(ModelFile.read(path), path.toString());
    }

    public static SavedNetwork read(InputStream in, String sourceName) throws IOException {
        return fromContents(ModelFile.read(in, sourceName), sourceName);
    }

    /** Validates the contents against their own spec. */
    public static SavedNetwork fromContents(ModelFileContents c, String source) throws ModelFormatException {
        NetworkSpec spec;
        try {
            spec = NetworkSpec.fromJson(c.specJson());
        } catch (InvalidNetworkException e) {
            throw new ModelFormatException(source + ": the network spec in the model file is not valid: "
                    + e.getMessage() + ". The file was written by an incompatible build or is corrupted.", e);
        }
        if (c.weightCount() != spec.paramCount()) {
            throw new ModelFormatException(source + ": the model file has " + c.weightCount()
                    + " weights but its network spec needs " + spec.paramCount() + ". The file is corrupted.");
        }
        Optimizer optimizer = null;
        OptimizerState state = null;
        if (c.optimizerState().isPresent()) {
            SavedOptimizerState s = c.optimizerState().get();
            try {
                optimizer = Optimizers.fromJson(s.json());
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + ": the optimizer in the model file is not valid: " + e.getMessage(), e);
            }
            int expected = optimizer.newState(0).slots().length;
            if (s.slotCount() != expected) {
                throw new ModelFormatException(source + ": the " + optimizer.name() + " optimizer state has "
                        + s.slotCount() + " slots but " + optimizer.name() + " keeps " + expected + ". The file is corrupted.");
            }
            float[][] slots = new float[s.slotCount()][];
            for (int k = 0; k < slots.length; k++) {
                slots[k] = s.slot(k);
            }
            state = new OptimizerState(c.weightCount(), s.step(), slots);
        }
        return new SavedNetwork(spec, c.weights(), optimizer, state, c.trainingState().orElse(null));
    }
}
