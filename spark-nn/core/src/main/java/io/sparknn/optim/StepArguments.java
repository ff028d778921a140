package io.sparknn.optim;

/** Checks the arguments of {@link Optimizer#step} once per call, before the hot loop. */
final class StepArguments {
    private StepArguments() {}

    static void check(
            Optimizer optimizer,
            float[] w,
            float[] g,
            int offset,
            int length,
            OptimizerState state,
            float learningRate,
            float gradScale) {
        String who = "Optimizer '" + optimizer.name() + "'";
        if (w == null || g == null || state == null) {
            throw new IllegalArgumentException(who + " step needs non-null weights, gradients and"
                    + " state, got w=" + (w == null ? "null" : "float[" + w.length + "]")
                    + ", g=" + (g == null ? "null" : "float[" + g.length + "]")
                    + ", state=" + (state == null ? "null" : "length " + state.length()) + ".");
        }
        long end = (long) offset + length;
        if (offset < 0 || length < 0 || end > w.length || end > g.length) {
            throw new IllegalArgumentException(who + ": slice [offset " + offset + ", length "
                    + length + ") does not fit the weights (" + w.length + " values) and gradients ("
                    + g.length + " values). Both arrays must hold the whole slice; check the"
                    + " shard boundaries.");
        }
        if (state.length() != length) {
            throw new IllegalArgumentException(who + ": the state has length " + state.length()
                    + " but the slice at offset " + offset + " has length " + length
                    + ". Use the state created by newState(" + length + ") for this slice.");
        }
        if (state.slots().length != optimizer.slotCount()) {
            throw new IllegalArgumentException(who + " expects " + optimizer.slotCount()
                    + " state slots but the state has " + state.slots().length
                    + ". The state was created by, or restored for, a different optimizer"
                    + " configuration; create it with this optimizer's newState.");
        }
        if (!(learningRate >= 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException(who + ": learning rate must be finite and >= 0, got " + learningRate
                    + ". Check the learning-rate schedule.");
        }
        if (!Float.isFinite(gradScale)) {
            throw new IllegalArgumentException(who + ": gradient scale must be finite, got "
                    + gradScale + ". A non-finite scale usually comes from a non-finite gradient"
                    + " norm or a zero batch size.");
        }
    }
}
