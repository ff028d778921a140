package io.sparknn.ml;

import io.sparknn.model.SavedNetwork;
import io.sparknn.model.TrainingState;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.EpochStatsJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The learned part of a fitted model: the network spec, its weights and state (BatchNormalization
 * running statistics; empty without such layers) and the training summary. Stored as one model
 * file (history and provenance in its training-state entries).
 */
public record LearnedNetwork(NetworkSpec spec, float[] weights, float[] state, TrainingSummary summary) {

    public LearnedNetwork {
        state = state == null ? new float[(int) spec.stateSize()] : state;
    }

    /** A network without state (no BatchNormalization layers). */
    public LearnedNetwork(NetworkSpec spec, float[] weights, TrainingSummary summary) {
        this(spec, weights, null, summary);
    }

    /** A network over these weights and state (shared, not copied; inference does not change them), owned by the caller, who closes it. */
    public io.sparknn.nn.Network network(io.sparknn.backend.Backend backend) {
        return state.length == 0
                ? io.sparknn.nn.Network.withParams(spec, backend, weights)
                : io.sparknn.nn.Network.withParams(spec, backend, weights, state);
    }

    private static final String PROVENANCE = "provenance.";

    public SavedNetwork toSaved() {
        TrainingState.Builder ts = TrainingState.builder().extra("history", EpochStatsJson.write(summary.history()));
        summary.provenance().forEach((k, v) -> ts.extra(PROVENANCE + k, v));
        return new SavedNetwork(spec, weights, state, null, null, ts.build());
    }

    public static LearnedNetwork fromSaved(SavedNetwork saved) {
        Map<String, String> extras =
                saved.trainingState() == null ? Map.of() : saved.trainingState().extras();
        Map<String, String> provenance = new HashMap<>();
        extras.forEach((k, v) -> {
            if (k.startsWith(PROVENANCE)) {
                provenance.put(k.substring(PROVENANCE.length()), v);
            }
        });
        return new LearnedNetwork(
                saved.spec(),
                saved.weights(),
                saved.state(),
                new TrainingSummary(EpochStatsJson.read(extras.get("history")), provenance));
    }

    /** The model file's bytes, e.g. to broadcast to the executors. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            toSaved().write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
