package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;
import io.sparknn.init.Initializer;
import io.sparknn.tensor.Shape;
import java.util.SplittableRandom;

/** Runtime of {@link Dense}: three GEMMs per training step, two when no input gradient is needed. */
public final class DenseLayer implements Layer {
    private final int in;
    private final int out;
    private final boolean useBias;
    private final Initializer kernelInit;
    private final Initializer biasInit;
    private final Backend backend;

    private float[] params;
    private float[] grads;
    private int kernelOff;
    private int biasOff;

    private float[] input;
    private float[] output;
    private float[] gradInput;

    public DenseLayer(int in, int out, boolean useBias, Initializer kernelInit, Initializer biasInit, Backend backend) {
        this.in = in;
        this.out = out;
        this.useBias = useBias;
        this.kernelInit = kernelInit;
        this.biasInit = biasInit;
        this.backend = backend;
    }

    @Override
    public Shape inputShape() {
        return Shape.of(in);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(out);
    }

    @Override
    public int paramCount() {
        return in * out + (useBias ? out : 0);
    }

    @Override
    public void bind(float[] params, float[] grads, int offset) {
        this.params = params;
        this.grads = grads;
        this.kernelOff = offset;
        this.biasOff = offset + in * out;
    }

    @Override
    public void initialize(SplittableRandom rng) {
        kernelInit.fill(params, kernelOff, in * out, in, out, rng);
        if (useBias) {
            biasInit.fill(params, biasOff, out, in, out, rng);
        }
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        input = x;
        output = Buffers.ensure(output, batch * out);
        backend.sgemm(false, false, batch, out, in, 1f, x, 0, in, params, kernelOff, out, 0f, output, 0, out);
        if (useBias) {
            for (int i = 0; i < batch; i++) {
                int o = i * out;
                for (int j = 0; j < out; j++) {
                    output[o + j] += params[biasOff + j];
                }
            }
        }
        return output;
    }

    @Override
    public float[] backward(float[] gradOutput, int batch, boolean needInputGradient) {
        // dW = x^T dy  ([in x batch] [batch x out])
        backend.sgemm(true, false, in, out, batch, 1f, input, 0, in, gradOutput, 0, out, 0f, grads, kernelOff, out);
        if (useBias) {
            java.util.Arrays.fill(grads, biasOff, biasOff + out, 0f);
            for (int i = 0; i < batch; i++) {
                int o = i * out;
                for (int j = 0; j < out; j++) {
                    grads[biasOff + j] += gradOutput[o + j];
                }
            }
        }
        if (!needInputGradient) {
            return null;
        }
        // dx = dy W^T  ([batch x out] [out x in])
        gradInput = Buffers.ensure(gradInput, batch * in);
        backend.sgemm(
                false, true, batch, in, out, 1f, gradOutput, 0, out, params, kernelOff, out, 0f, gradInput, 0, in);
        return gradInput;
    }
}
