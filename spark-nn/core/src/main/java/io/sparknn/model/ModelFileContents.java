package io.sparknn.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a model file holds: the network spec as JSON, the flat weight vector, and optionally
 * the optimizer state, the training state and named float buffers (e.g. BatchNormalization
 * running statistics). Immutable: arrays are copied when built and when handed out, so call
 * {@link #weights()} once rather than in a loop.
 */
public final class ModelFileContents {
    private final String specJson;
    private final float[] weights;
    private final SavedOptimizerState optimizerState;
    private final TrainingState trainingState;
    private final SortedMap<String, float[]> buffers;

    private ModelFileContents(Builder b, boolean copyArrays) {
        this.specJson = b.specJson;
        this.weights = copyArrays ? b.weights.clone() : b.weights;
        this.optimizerState = b.optimizerState;
        this.trainingState = b.trainingState;
        TreeMap<String, float[]> bufs = new TreeMap<>();
        b.buffers.forEach((name, values) -> bufs.put(name, copyArrays ? values.clone() : values));
        this.buffers = Collections.unmodifiableSortedMap(bufs);
    }

    /**
     * Starts a builder with the two required parts.
     *
     * @param specJson the network spec as JSON, opaque to the model file
     * @param weights the flat parameter vector, possibly empty; copied by {@link Builder#build()}
     */
    public static Builder builder(String specJson, float[] weights) {
        return new Builder(specJson, weights);
    }

    /** The network spec as JSON text. */
    public String specJson() {
        return specJson;
    }

    /** A copy of the flat weight vector. */
    public float[] weights() {
        return weights.clone();
    }

    public int weightCount() {
        return weights.length;
    }

    public Optional<SavedOptimizerState> optimizerState() {
        return Optional.ofNullable(optimizerState);
    }

    public Optional<TrainingState> trainingState() {
        return Optional.ofNullable(trainingState);
    }

    /** The buffer names, sorted. */
    public SortedSet<String> bufferNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(buffers.keySet()));
    }

    /** A copy of the named buffer, or empty if there is none by that name. */
    public Optional<float[]> buffer(String name) {
        float[] values = buffers.get(name);
        return values == null ? Optional.empty() : Optional.of(values.clone());
    }

    float[] weightsNoCopy() {
        return weights;
    }

    SortedMap<String, float[]> buffersNoCopy() {
        return buffers;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelFileContents c)
                || !specJson.equals(c.specJson)
                || !FloatBits.equal(weights, c.weights)
                || !Objects.equals(optimizerState, c.optimizerState)
                || !Objects.equals(trainingState, c.trainingState)
                || !buffers.keySet().equals(c.buffers.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            if (!FloatBits.equal(e.getValue(), c.buffers.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(specJson, optimizerState, trainingState, buffers.keySet());
        return 31 * h + FloatBits.hash(weights);
    }

    @Override
    public String toString() {
        return "ModelFileContents{weights=" + weights.length + ", optimizer=" + optimizerState + ", training="
                + trainingState + ", buffers=" + buffers.keySet() + "}";
    }

    /** Collects the parts of a {@link ModelFileContents}; {@link #build()} validates them. */
    public static final class Builder {
        private final String specJson;
        private final float[] weights;
        private SavedOptimizerState optimizerState;
        private TrainingState trainingState;
        private final TreeMap<String, float[]> buffers = new TreeMap<>();

        private Builder(String specJson, float[] weights) {
            this.specJson = specJson;
            this.weights = weights;
        }

        /** Sets the optimizer state, or clears it with {@code null}. */
        public Builder optimizerState(SavedOptimizerState state) {
            this.optimizerState = state;
            return this;
        }

        /** Sets the training state, or clears it with {@code null}. */
        public Builder trainingState(TrainingState state) {
            this.trainingState = state;
            return this;
        }

        /** Adds or replaces a named buffer; the array is copied by {@link #build()}. */
        public Builder buffer(String name, float[] values) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(
                        "A buffer name must be non-empty, got " + (name == null ? "null" : "\"\""));
            }
            if (values == null) {
                throw new IllegalArgumentException("Buffer '" + name + "' is null; pass an array");
            }
            ModelFile.requireTextFits("Buffer name", name);
            buffers.put(name, values);
            return this;
        }

        /**
         * @throws IllegalArgumentException if the spec or weights are missing, or an optimizer
         *     slot's length differs from the weight count
         */
        public ModelFileContents build() {
            validate();
            return new ModelFileContents(this, true);
        }

        /** For the reader: adopts the arrays it has just allocated instead of copying them. */
        ModelFileContents buildAdopting() {
            validate();
            return new ModelFileContents(this, false);
        }

        private void validate() {
            if (specJson == null) {
                throw new IllegalArgumentException("Model file 'specJson' is null; pass the network " + "spec as JSON");
            }
            ModelFile.requireTextFits("Model file 'specJson'", specJson);
            if (weights == null) {
                throw new IllegalArgumentException("Model file 'weights' is null; pass the flat "
                        + "weight vector (an empty array if the network has no parameters)");
            }
            if (optimizerState != null) {
                float[][] slots = optimizerState.slotsNoCopy();
                for (int k = 0; k < slots.length; k++) {
                    if (slots[k].length != weights.length) {
                        throw new IllegalArgumentException("Optimizer slot " + k + " has "
                                + slots[k].length + " values but there are " + weights.length
                                + " weights; the optimizer state belongs to a different network");
                    }
                }
            }
        }
    }
}
