package io.sparknn.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where training stood when a checkpoint was written: epoch, step within the epoch, global
 * step, the run's seed, and free-form string entries (RNG states, data provenance such as a
 * Delta table version). Immutable; entries are kept sorted by key so files are deterministic.
 */
public final class TrainingState {
    private final long epoch;
    private final long stepInEpoch;
    private final long globalStep;
    private final long seed;
    private final SortedMap<String, String> extras;

    private TrainingState(Builder b) {
        this.epoch = b.epoch;
        this.stepInEpoch = b.stepInEpoch;
        this.globalStep = b.globalStep;
        this.seed = b.seed;
        this.extras = Collections.unmodifiableSortedMap(new TreeMap<>(b.extras));
    }

    /** A builder with every counter at 0, seed 0 and no entries. */
    public static Builder builder() {
        return new Builder();
    }

    public long epoch() {
        return epoch;
    }

    public long stepInEpoch() {
        return stepInEpoch;
    }

    public long globalStep() {
        return globalStep;
    }

    public long seed() {
        return seed;
    }

    /** The extra entries, sorted by key, unmodifiable. */
    public SortedMap<String, String> extras() {
        return extras;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingState t
                && epoch == t.epoch
                && stepInEpoch == t.stepInEpoch
                && globalStep == t.globalStep
                && seed == t.seed
                && extras.equals(t.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, stepInEpoch, globalStep, seed, extras);
    }

    @Override
    public String toString() {
        return "TrainingState{epoch=" + epoch + ", stepInEpoch=" + stepInEpoch + ", globalStep=" + globalStep
                + ", seed=" + seed + ", extras=" + extras + "}";
    }

    /** Builds a {@link TrainingState}; counters must be {@code >= 0}, entries non-null. */
    public static final class Builder {
        private long epoch;
        private long stepInEpoch;
        private long globalStep;
        private long seed;
        private final TreeMap<String, String> extras = new TreeMap<>();

        private Builder() {}

        public Builder epoch(long epoch) {
            this.epoch = epoch;
            return this;
        }

        public Builder stepInEpoch(long stepInEpoch) {
            this.stepInEpoch = stepInEpoch;
            return this;
        }

        public Builder globalStep(long globalStep) {
            this.globalStep = globalStep;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Adds or replaces one entry. */
        public Builder extra(String key, String value) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("Training state entry key must be non-empty, got "
                        + (key == null ? "null" : "\"\"") + " (value " + value + ")");
            }
            if (value == null) {
                throw new IllegalArgumentException(
                        "Training state entry '" + key + "' has a null value; store \"\" or leave the entry out");
            }
            ModelFile.requireTextFits("Training state key '" + key + "'", key);
            ModelFile.requireTextFits("Training state entry '" + key + "'", value);
            extras.put(key, value);
            return this;
        }

        /** Adds or replaces every entry of {@code entries}. */
        public Builder extras(Map<String, String> entries) {
            entries.forEach(this::extra);
            return this;
        }

        /** @throws IllegalArgumentException naming the counter that is negative */
        public TrainingState build() {
            requireNonNegative("epoch", epoch);
            requireNonNegative("stepInEpoch", stepInEpoch);
            requireNonNegative("globalStep", globalStep);
            return new TrainingState(this);
        }

        private static void requireNonNegative(String field, long value) {
            if (value < 0) {
                throw new IllegalArgumentException("Training state '" + field + "' must be >= 0, got " + value);
            }
        }
    }
}
