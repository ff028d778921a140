package io.sparknn.model;

import io.sparknn.backend.Backend;
import io.sparknn.nn.Network;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.optim.Optimizer;
import io.sparknn.optim.OptimizerState;
import io.sparknn.optim.Optimizers;
import io.sparknn.tensor.Finiteness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A network (spec, weights and non-trainable state), optionally with its optimizer and training
 * state, as stored in a {@link ModelFile}. The network state (BatchNormalization's running
 * statistics) is the model file's buffer named {@value #STATE_BUFFER}, written only when the
 * spec has state. Loading checks what the byte format cannot: that the spec parses and that the
 * weight, state and optimizer-slot counts are the ones the spec needs.
 *
 * @param state          the network's state ({@link Network#state()}); null means none, which
 *                       only a spec without state accepts
 * @param optimizer      null when the file has no optimizer state
 * @param optimizerState null when the file has no optimizer state
 * @param trainingState  null when the file has no training state
 */
public record SavedNetwork(
        NetworkSpec spec,
        float[] weights,
        float[] state,
        Optimizer optimizer,
        OptimizerState optimizerState,
        TrainingState trainingState) {
    /** The name of the model file buffer that holds the network state. */
    public static final String STATE_BUFFER = "state";

    /**
     * @throws IllegalArgumentException if the state's length is not the spec's state size
     */
    public SavedNetwork {
        long needed = spec.stateSize();
        if (state == null && needed > 0) {
            throw new IllegalArgumentException(
                    "The network has " + needed + " state values (BatchNormalization "
                            + "running statistics) but no state was given. Pass Network.state(), as SavedNetwork.of(net) does.");
        }
        state = state == null ? new float[0] : state;
        if (state.length != needed) {
            throw new IllegalArgumentException("The state array has " + state.length + " values but the network "
                    + "spec needs " + needed + ". The state belongs to a different network spec.");
        }
    }

    /** A network without state (no BatchNormalization), with optional optimizer and training state. */
    public SavedNetwork(
            NetworkSpec spec,
            float[] weights,
            Optimizer optimizer,
            OptimizerState optimizerState,
            TrainingState trainingState) {
        this(spec, weights, null, optimizer, optimizerState, trainingState);
    }

    /** Spec, weights and state only, e.g. a fitted model for inference. */
    public static SavedNetwork of(Network net) {
        return new SavedNetwork(net.spec(), net.params(), net.state(), null, null, null);
    }

    /** A network over copies of the weights and state. */
    public Network toNetwork(Backend backend) {
        return Network.withParams(spec, backend, weights.clone(), state.clone());
    }

    public ModelFileContents toContents() {
        ModelFileContents.Builder b = ModelFileContents.builder(spec.toJson(), weights);
        if (state.length > 0) {
            b.buffer(STATE_BUFFER, state);
        }
        if (optimizer != null && optimizerState != null) {
            b.optimizerState(SavedOptimizerState.of(optimizer.toJson(), optimizerState.step(), optimizerState.slots()));
        }
        if (trainingState != null) {
            b.trainingState(trainingState);
        }
        return b.build();
    }

    /**
     * @throws IllegalStateException if a weight or state value is NaN or infinite: such a model
     *                               predicts NaN, so it is refused rather than saved
     */
    public void write(OutputStream out) throws IOException {
        requireFinite();
        ModelFile.write(out, toContents());
    }

    /** Writes atomically (temp file and rename); refuses a non-finite model as {@link #write(OutputStream)}. */
    public void write(Path path) throws IOException {
        requireFinite();
        ModelFile.write(path, toContents());
    }

    private void requireFinite() {
        int bad = Finiteness.firstNonFinite(weights);
        String what = bad < 0
                ? null
                : "weight " + bad + " (in " + spec.layerName(spec.layerOfParam(bad)) + ") is " + weights[bad];
        int badState = Finiteness.firstNonFinite(state);
        if (what == null && badState >= 0) {
            what = "BatchNormalization running statistic " + badState + " is " + state[badState];
        }
        if (what != null) {
            throw new IllegalStateException("Refusing to save a model that is not finite: " + what + ". It would "
                    + "predict NaN for every row. Training diverged: retrain with a lower learning rate, scaled "
                    + "features and labels, or a gradient clip norm.");
        }
    }

    public static SavedNetwork read(Path path) throws IOException {
        return fromContents(ModelFile.read(path), path.toString());
    }

    public static SavedNetwork read(InputStream in, String sourceName) throws IOException {
        return fromContents(ModelFile.read(in, sourceName), sourceName);
    }

    /**
     * Validates the contents against their own spec. Whatever the bytes say, a problem is a
     * {@link ModelFormatException}: a CRC-valid file can still hold a hostile spec.
     */
    public static SavedNetwork fromContents(ModelFileContents c, String source) throws ModelFormatException {
        try {
            return validate(c, source);
        } catch (InvalidNetworkException e) {
            throw new ModelFormatException(
                    source + ": the network spec in the model file is not valid: " + e.getMessage()
                            + ". The file was written by an incompatible build or is corrupted.",
                    e);
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            throw new ModelFormatException(
                    source + ": the model file is not consistent: " + e.getMessage()
                            + ". The file was written by an incompatible build or is corrupted.",
                    e);
        }
    }

    private static SavedNetwork validate(ModelFileContents c, String source) throws ModelFormatException {
        NetworkSpec spec = NetworkSpec.fromJson(c.specJson());
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
                throw new ModelFormatException(
                        source + ": the optimizer in the model file is not valid: " + e.getMessage(), e);
            }
            int expected = optimizer.newState(0).slots().length;
            if (s.slotCount() != expected) {
                throw new ModelFormatException(
                        source + ": the " + optimizer.name() + " optimizer state has " + s.slotCount() + " slots but "
                                + optimizer.name() + " keeps " + expected + ". The file is corrupted.");
            }
            float[][] slots = new float[s.slotCount()][];
            for (int k = 0; k < slots.length; k++) {
                slots[k] = s.slot(k);
            }
            state = new OptimizerState(c.weightCount(), s.step(), slots);
        }
        return new SavedNetwork(
                spec,
                c.weights(),
                readState(c, spec, source),
                optimizer,
                state,
                c.trainingState().orElse(null));
    }

    private static float[] readState(ModelFileContents c, NetworkSpec spec, String source) throws ModelFormatException {
        long needed = spec.stateSize();
        java.util.Optional<float[]> buffer = c.buffer(STATE_BUFFER);
        if (buffer.isEmpty()) {
            if (needed > 0) {
                throw new ModelFormatException(source + ": the network spec needs " + needed + " state values "
                        + "(BatchNormalization running statistics) but the model file has no '" + STATE_BUFFER
                        + "' buffer. It was written without the network state; save it again with "
                        + "SavedNetwork.of(network).");
            }
            return new float[0];
        }
        float[] state = buffer.get();
        if (state.length != needed) {
            throw new ModelFormatException(source + ": the model file's '" + STATE_BUFFER + "' buffer has "
                    + state.length + " values but its network spec needs " + needed + ". The file is corrupted.");
        }
        return state;
    }
}
