package io.sparknn.nn;

import io.sparknn.tensor.Shape;

import java.util.SplittableRandom;

/** Base of the layers without parameters whose output has the shape of their input. */
abstract class ShapePreservingLayer implements Layer {
    protected final Shape shape;
    protected final int size;

    ShapePreservingLayer(Shape shape) {
        this.shape = shape;
        this.size = shape.size();
    }

    @Override
    public final Shape inputShape() {
        return shape;
    }

    @Override
    public final Shape outputShape() {
        return shape;
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
