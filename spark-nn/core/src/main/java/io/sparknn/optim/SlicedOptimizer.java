package io.sparknn.optim;

/**
 * An optimizer applied to {@code [offset, offset + length)} of the parameter vector in
 * {@code parts} independent slices, each with its own state, so that threads (or workers) can
 * update disjoint slices at once. Slice p is {@code [offset + length*p/parts, offset + length*(p+1)/parts)}.
 * The element-wise optimizers make the result identical to one update of the whole range.
 */
public final class SlicedOptimizer {
    private final Optimizer optimizer;
    private final int offset;
    private final int length;
    private final OptimizerState[] states;

    /** Fresh states. */
    public SlicedOptimizer(Optimizer optimizer, int offset, int length, int parts) {
        this(optimizer, offset, length, parts, null);
    }

    /**
     * States restored from {@code whole} (a state for the whole range, e.g. from a checkpoint),
     * or fresh ones when it is null.
     */
    public SlicedOptimizer(Optimizer optimizer, int offset, int length, int parts, OptimizerState whole) {
        if (parts < 1 || offset < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "Need parts >= 1, offset >= 0, length >= 0; got " + parts + ", " + offset + ", " + length);
        }
        if (whole != null && whole.length() != length) {
            throw new IllegalArgumentException("The optimizer state covers " + whole.length()
                    + " parameters but the range has " + length + ". It belongs to another network.");
        }
        this.optimizer = optimizer;
        this.offset = offset;
        this.length = length;
        this.states = new OptimizerState[parts];
        for (int p = 0; p < parts; p++) {
            int from = from(p);
            int n = from(p + 1) - from;
            if (whole == null) {
                states[p] = optimizer.newState(n);
            } else {
                float[][] slots = new float[whole.slots().length][];
                for (int k = 0; k < slots.length; k++) {
                    slots[k] = java.util.Arrays.copyOfRange(whole.slots()[k], from - offset, from - offset + n);
                }
                states[p] = new OptimizerState(n, whole.step(), slots);
            }
        }
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public int parts() {
        return states.length;
    }

    /** First parameter index of slice {@code p} ({@code p == parts()} gives the range end). */
    public int from(int p) {
        return offset + (int) ((long) length * p / states.length);
    }

    /** Updates slice {@code p} of {@code w} with slice {@code p} of {@code g}. */
    public void step(int p, float[] w, float[] g, float learningRate, float gradScale) {
        int from = from(p);
        optimizer.step(w, g, from, from(p + 1) - from, states[p], learningRate, gradScale);
    }

    /** Updates made so far (every slice takes every step). */
    public long step() {
        return states[0].step();
    }

    /** One state for the whole range (copies), e.g. for a checkpoint. */
    public OptimizerState wholeState() {
        int slotCount = states[0].slots().length;
        float[][] slots = new float[slotCount][length];
        for (int p = 0; p < states.length; p++) {
            for (int k = 0; k < slotCount; k++) {
                float[] s = states[p].slots()[k];
                System.arraycopy(s, 0, slots[k], from(p) - offset, s.length);
            }
        }
        return new OptimizerState(length, states[0].step(), slots);
    }
}
