package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;

/** Base of the parameter-free layers whose output has the shape of their input (activations, dropout). */
abstract class ShapePreservingLayer extends ParameterFreeLayer {
    protected final Shape shape;
    protected final int size;

    ShapePreservingLayer(Shape shape) {
        super(shape, shape);
        this.shape = shape;
        this.size = shape.size();
    }
}
