package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;
import java.util.SplittableRandom;

/** Base of the runtime layers without parameters (pooling, reshaping): fixed shapes, nothing to bind. */
abstract class ParameterFreeLayer implements Layer {
    private final Shape inputShape;
    private final Shape outputShape;

    ParameterFreeLayer(Shape inputShape, Shape outputShape) {
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    @Override
    public final Shape inputShape() {
        return inputShape;
    }

    @Override
    public final Shape outputShape() {
        return outputShape;
    }

    @Override
    public final int paramCount() {
        return 0;
    }

    @Override
    public final void bind(float[] params, float[] grads, int offset) {
        // no parameters
    }

    @Override
    public final void initialize(SplittableRandom rng) {
        // no parameters
    }
}
