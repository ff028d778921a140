package io.sparknn.distributed.checkpoint;

import io.sparknn.model.SavedNetwork;
import io.sparknn.model.TrainingState;
import io.sparknn.train.EpochStats;
import io.sparknn.train.EpochStatsJson;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint of a training run: the network file (spec, weights, running statistics,
 * optimizer state, and the position as epoch / step in epoch / global step / seed), the global
 * sums of the epoch in progress, and the history of the finished epochs.
 *
 * <p>On disk a checkpoint is a model file; the epoch sums and the history ride in its
 * training-state entries. This class is the only one that knows those entries, and it tags them
 * with a format version. Checkpoints written before the tag existed have the same entries and
 * read as version 1.
 *
 * @param network      the network file; its training state holds only the position and seed
 * @param partialEpoch sums over all workers of the steps of the epoch in progress
 * @param history      the finished epochs, oldest first
 */
public record Checkpoint(SavedNetwork network, EpochSums partialEpoch, List<EpochStats> history) {
    /** The newest checkpoint format this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT = "checkpointFormat";
    private static final String LOSS_SUM = "epochLossSum";
    private static final String WEIGHT_SUM = "epochWeightSum";
    private static final String CORRECT = "epochCorrect";
    private static final String SAMPLES = "epochSamples";
    private static final String HISTORY = "history";

    /** Weighted loss, weight, correct predictions and samples of the steps taken so far in an epoch. */
    public record EpochSums(double lossSum, double weightSum, double correct, double samples) {
        public static final EpochSums NONE = new EpochSums(0, 0, 0, 0);
    }

    public Checkpoint {
        if (network.trainingState() == null) {
            throw new IllegalArgumentException("A checkpoint needs the training position; the network file has none");
        }
        partialEpoch = partialEpoch == null ? EpochSums.NONE : partialEpoch;
        history = List.copyOf(history);
    }

    /** Where training stood: epoch, step in epoch, global step, seed. */
    public TrainingState trainingState() {
        return network.trainingState();
    }

    /** The model file that holds this checkpoint. */
    public SavedNetwork toFile() {
        TrainingState p = network.trainingState();
        TrainingState withEntries = position(p)
                .extra(FORMAT, Integer.toString(FORMAT_VERSION))
                .extra(LOSS_SUM, Double.toString(partialEpoch.lossSum()))
                .extra(WEIGHT_SUM, Double.toString(partialEpoch.weightSum()))
                .extra(CORRECT, Double.toString(partialEpoch.correct()))
                .extra(SAMPLES, Double.toString(partialEpoch.samples()))
                .extra(HISTORY, EpochStatsJson.write(history))
                .build();
        return new SavedNetwork(
                network.spec(),
                network.weights(),
                network.state(),
                network.optimizer(),
                network.optimizerState(),
                withEntries);
    }

    /**
     * The checkpoint in a model file read from {@code source}.
     *
     * @throws IllegalStateException naming the file and the entry when it is not a checkpoint this
     *                               build can resume from
     */
    public static Checkpoint fromFile(SavedNetwork file, String source) {
        TrainingState ts = file.trainingState();
        if (ts == null) {
            throw new IllegalStateException("The file " + source + " is a model file without a training position, "
                    + "not a checkpoint. Use a checkpointDir that holds only this run's checkpoints.");
        }
        Map<String, String> entries = ts.extras();
        int version = (int) number(entries, FORMAT, "1", source);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IllegalStateException("The checkpoint " + source + " has unsupported format version " + version
                    + " (this build reads up to " + FORMAT_VERSION + "); a newer spark-nn build wrote it. Resume "
                    + "with that build, or train into a new checkpointDir.");
        }
        EpochSums sums = new EpochSums(
                number(entries, LOSS_SUM, "0", source),
                number(entries, WEIGHT_SUM, "0", source),
                number(entries, CORRECT, "0", source),
                number(entries, SAMPLES, "0", source));
        List<EpochStats> history;
        try {
            history = EpochStatsJson.read(entries.get(HISTORY));
        } catch (RuntimeException e) {
            throw damaged(source, HISTORY, entries.get(HISTORY), e);
        }
        SavedNetwork network = new SavedNetwork(
                file.spec(),
                file.weights(),
                file.state(),
                file.optimizer(),
                file.optimizerState(),
                position(ts).build());
        return new Checkpoint(network, sums, history);
    }

    private static TrainingState.Builder position(TrainingState ts) {
        return TrainingState.builder()
                .epoch(ts.epoch())
                .stepInEpoch(ts.stepInEpoch())
                .globalStep(ts.globalStep())
                .seed(ts.seed());
    }

    private static double number(Map<String, String> entries, String key, String absent, String source) {
        String value = entries.getOrDefault(key, absent);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw damaged(source, key, value, e);
        }
    }

    private static IllegalStateException damaged(String source, String key, String value, Exception cause) {
        String shown = value == null ? "null" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return new IllegalStateException(
                "The checkpoint " + source + " is damaged: its entry '" + key + "' is '" + shown
                        + "' (" + cause.getMessage()
                        + "). Move that file out of the checkpointDir to resume from the one "
                        + "before it, or train into a new checkpointDir.",
                cause);
    }
}
