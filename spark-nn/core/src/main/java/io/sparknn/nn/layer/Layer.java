package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;

/**
 * A layer's runtime state: parameter views into the network's flat arrays, and reusable batch
 * buffers. Built from an immutable {@link LayerSpec}; one instance serves one thread.
 *
 * <p>Contracts: {@link #forward} keeps a reference to its input, which must stay unchanged
 * until the matching {@link #backward}. {@link #backward} OVERWRITES this layer's parameter
 * gradients (it never accumulates), so no zeroing pass is needed between steps. A training
 * forward pass updates the layer's state only when {@link ForwardContext#updateState()}.
 */
public interface Layer extends AutoCloseable {

    Shape inputShape();

    Shape outputShape();

    /** Number of trainable parameters; the layer's view has this many floats. */
    int paramCount();

    /** Points the layer at {@code [offset, offset + paramCount())} of the network's arrays. */
    void bind(float[] params, float[] grads, int offset);

    /** Fills the layer's parameters with its initialisers. */
    void initialize(java.util.SplittableRandom rng);

    /**
     * Number of non-trainable state floats, e.g. BatchNormalization's running mean and
     * variance. State lives in the network's flat state array, next to (not in) the
     * parameters: optimizers and gradients never touch it, the model file stores it.
     */
    default int stateSize() {
        return 0;
    }

    /** Points the layer at {@code [offset, offset + stateSize())} of the network's state array. */
    default void bindState(float[] state, int offset) {
        // no state
    }

    /** Writes the state's starting values (e.g. running variance 1) into the bound view. */
    default void initializeState() {
        // no state
    }

    /**
     * Computes the output of {@code batch} samples. The returned array is owned by the layer and
     * valid until its next forward call; it may be longer than {@code batch * outputSize}.
     */
    float[] forward(float[] input, int batch, ForwardContext ctx);

    /**
     * Back-propagates {@code gradOutput} of the last forward batch: writes the parameter
     * gradients, and returns the gradient with respect to the input when
     * {@code needInputGradient}, else {@code null}.
     */
    float[] backward(float[] gradOutput, int batch, boolean needInputGradient);

    /**
     * Frees what the layer holds outside the Java heap (a native convolution primitive), when
     * its network closes. Idempotent; a closed layer may be used again and re-creates them.
     */
    @Override
    default void close() {
        // nothing native
    }
}
