package io.sparknn.nn;

/**
 * Told during a training pass which gradients are final, so that they can be sent to other
 * workers while the backward pass still runs on the layers below.
 *
 * <p>Layer {@code i} owns the parameters from its offset upwards and the backward pass runs from
 * the last layer to the first, so the final part of the gradient array only ever grows
 * downwards: the calls come with decreasing {@code from} and the last one has {@code from == 0}.
 */
@FunctionalInterface
public interface BackwardProgress {
    /** Nobody listens. */
    BackwardProgress NONE = (from, lossSum) -> {};

    /**
     * {@code grads[from, length)} hold their final values and will not be written again in this
     * pass. Called on the thread running the pass.
     *
     * @param lossSum the pass's loss sum, known since the forward pass (a non-finite one means the
     *     gradients are meaningless)
     */
    void gradientsFinalFrom(int from, double lossSum);
}
