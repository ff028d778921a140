package io.sparknn.nn.layer;

import io.sparknn.tensor.Shape;

/**
 * Runtime of {@link Flatten} and {@link Reshape}: a row-major batch has the same floats in the
 * same order under any per-sample shape of the same size, so both directions pass the array
 * through without copying.
 */
public final class ReshapeLayer extends ParameterFreeLayer {

    public ReshapeLayer(Shape input, Shape output) {
        super(input, output);
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        return x;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        return needInputGradient ? dy : null;
    }
}
