package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;

/** Base of the global 2-D pooling runtimes: {@code [C, H, W]} to {@code [C]}, one plane per output. */
abstract class GlobalPoolingLayer extends ParameterFreeLayer {
    final int channels;
    final int plane;
    float[] output;
    float[] gradInput;

    GlobalPoolingLayer(Shape input) {
        super(input, Shape.of(input.dim(0)));
        this.channels = input.dim(0);
        this.plane = input.dim(1) * input.dim(2);
    }
}
