package io.sparknn.optim;

/**
 * The mutable memory of an optimizer for one slice of the parameter vector: how many updates
 * were applied and the per-parameter slots (velocity, first and second moments, accumulators).
 *
 * <p>Slots are slot-major: {@code slots()[k][i]} is slot {@code k} of parameter
 * {@code offset + i} of the slice the state was created for. Which slot means what is defined
 * by the optimizer that created the state (see each optimizer's Javadoc). The arrays are live,
 * not copies, so a checkpoint writer can stream them without doubling memory.
 *
 * <p>A state is used by one thread at a time. For a slice that does not start at offset 0 it
 * also holds two working buffers of the slice's length, allocated on the first update; they
 * are not part of the slots and never need saving.
 */
public final class OptimizerState {
    private final int length;
    private final float[][] slots;
    private long step;
    private float[] stagedWeights;
    private float[] stagedGradients;

    /**
     * Restores a state, typically from a checkpoint.
     *
     * @param length number of parameters of the slice; needed because a state may have no slots
     * @param step number of updates already applied (0 for a fresh state)
     * @param slots the slots, each of {@code length} elements; kept, not copied
     * @throws IllegalArgumentException if a slot has the wrong length or a value is negative
     */
    public OptimizerState(int length, long step, float[][] slots) {
        if (length < 0) {
            throw new IllegalArgumentException("An optimizer state length must be >= 0, got " + length + ".");
        }
        if (step < 0) {
            throw new IllegalArgumentException("An optimizer state step must be >= 0, got " + step
                    + ". Use 0 for a state that has not been used yet.");
        }
        if (slots == null) {
            throw new IllegalArgumentException("Optimizer state slots must not be null; pass new float[0][] for none.");
        }
        for (int k = 0; k < slots.length; k++) {
            if (slots[k] == null || slots[k].length != length) {
                throw new IllegalArgumentException("Optimizer state slot " + k + " has "
                        + (slots[k] == null ? "no array" : slots[k].length + " elements")
                        + " but the state length is " + length
                        + ". Every slot must hold one value per parameter of the slice.");
            }
        }
        this.length = length;
        this.step = step;
        this.slots = slots;
    }

    /** A fresh state: step 0 and {@code slotCount} slots of zeros. */
    public static OptimizerState zeros(int length, int slotCount) {
        if (length < 0 || slotCount < 0) {
            throw new IllegalArgumentException("An optimizer state needs length >= 0 and"
                    + " slotCount >= 0, got length " + length + " and slotCount " + slotCount + ".");
        }
        return new OptimizerState(length, 0, new float[slotCount][length]);
    }

    /** Number of updates applied so far; 0 before the first. */
    public long step() {
        return step;
    }

    /** Number of parameters of the slice this state belongs to. */
    public int length() {
        return length;
    }

    /** The live slot arrays, slot-major; see the class comment. */
    public float[][] slots() {
        return slots;
    }

    /** A deep copy, for snapshots taken while training continues. */
    public OptimizerState copy() {
        float[][] copied = new float[slots.length][];
        for (int k = 0; k < slots.length; k++) {
            copied[k] = slots[k].clone();
        }
        return new OptimizerState(length, step, copied);
    }

    void incrementStep() {
        step++;
    }

    float[] stagedWeights() {
        if (stagedWeights == null) {
            stagedWeights = new float[length];
        }
        return stagedWeights;
    }

    float[] stagedGradients() {
        if (stagedGradients == null) {
            stagedGradients = new float[length];
        }
        return stagedGradients;
    }
}
