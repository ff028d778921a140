package io.sparknn.model;

import java.util.Objects;

/**
 * The optimizer's state saved next to the weights so training can resume exactly: its
 * configuration as JSON (opaque to the model file, e.g. {@code {"name":"adam","lr":0.001}}),
 * the number of steps taken, and its per-parameter slots (Adam's first and second moments...).
 * Slots are slot-major: {@code slot(k)[i]} belongs to weight {@code i}, so every slot has the
 * length of the weight vector (checked by {@link ModelFileContents.Builder#build()}).
 * Immutable: arrays are copied in and out.
 */
public final class SavedOptimizerState {
    private final String json;
    private final long step;
    private final float[][] slots;

    private SavedOptimizerState(String json, long step, float[][] slots) {
        this.json = json;
        this.step = step;
        this.slots = slots;
    }

    /**
     * @param json the optimizer configuration, opaque UTF-8 text
     * @param step steps taken so far, {@code >= 0}
     * @param slots 0 to {@value ModelFile#MAX_SLOTS} arrays of equal length; copied
     * @throws IllegalArgumentException naming the offending argument
     */
    public static SavedOptimizerState of(String json, long step, float[]... slots) {
        validate(json, step, slots);
        float[][] copy = new float[slots.length][];
        for (int k = 0; k < slots.length; k++) {
            copy[k] = slots[k].clone();
        }
        return new SavedOptimizerState(json, step, copy);
    }

    /** For the reader: adopts arrays it has just allocated instead of copying them. */
    static SavedOptimizerState adopt(String json, long step, float[][] slots) {
        validate(json, step, slots);
        return new SavedOptimizerState(json, step, slots);
    }

    private static void validate(String json, long step, float[][] slots) {
        if (json == null) {
            throw new IllegalArgumentException("Optimizer state 'json' is null; pass the optimizer's "
                    + "configuration as JSON, e.g. {\"name\":\"sgd\"}");
        }
        ModelFile.requireTextFits("Optimizer state 'json'", json);
        if (step < 0) {
            throw new IllegalArgumentException("Optimizer state 'step' must be >= 0, got " + step);
        }
        Objects.requireNonNull(slots, "slots");
        if (slots.length > ModelFile.MAX_SLOTS) {
            throw new IllegalArgumentException("Optimizer state has " + slots.length
                    + " slots; a model file holds at most " + ModelFile.MAX_SLOTS);
        }
        for (int k = 0; k < slots.length; k++) {
            if (slots[k] == null) {
                throw new IllegalArgumentException("Optimizer state slot " + k + " is null");
            }
            if (slots[k].length != slots[0].length) {
                throw new IllegalArgumentException("Optimizer state slot " + k + " has "
                        + slots[k].length + " values but slot 0 has " + slots[0].length
                        + "; every slot holds one value per weight");
            }
        }
    }

    /** The optimizer configuration as JSON text. */
    public String json() {
        return json;
    }

    /** Steps the optimizer has taken. */
    public long step() {
        return step;
    }

    public int slotCount() {
        return slots.length;
    }

    /** A copy of slot {@code k}. */
    public float[] slot(int k) {
        return slots[k].clone();
    }

    /** The slots without copying; the model file's own code must not modify them. */
    float[][] slotsNoCopy() {
        return slots;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SavedOptimizerState s)
                || step != s.step
                || !json.equals(s.json)
                || slots.length != s.slots.length) {
            return false;
        }
        for (int k = 0; k < slots.length; k++) {
            if (!FloatBits.equal(slots[k], s.slots[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(json, step);
        for (float[] slot : slots) {
            h = 31 * h + FloatBits.hash(slot);
        }
        return h;
    }

    @Override
    public String toString() {
        return "SavedOptimizerState{json=" + json + ", step=" + step + ", slots=" + slots.length + "}";
    }
}
