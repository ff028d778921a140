package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;
import io.sparknn.init.Initializer;
import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What {@link LstmLayer} and {@link GruLayer} share: the parameter layout (kernel
 * {@code [features, G]}, recurrent kernel {@code [units, G]}, then the bias, as Keras stores
 * them), time-major buffers, the input projection of all steps in one GEMM, masking by
 * sequence length, the output, and backpropagation through time with the weight gradients of
 * all steps in one GEMM each. Subclasses implement one step of the cell forward and backward.
 *
 * <p>Internally everything is time-major ({@code [time, batch, width]}), so that the rows of a
 * step are one contiguous matrix for the per-step recurrent GEMM. A sample with length
 * {@code len} (see {@link ForwardContext#lengths()}) runs steps {@code t < len}; later steps
 * copy the state unchanged, output zeros when returning sequences, and get no gradient. Only
 * the first {@code steps = max(len)} steps of a batch are computed at all.
 */
abstract class RecurrentLayer implements Layer {
    final int time;
    final int features;
    final int units;
    /** Width of the gate pre-activations: 4 units for LSTM, 3 for GRU. */
    final int gateWidth;

    final boolean returnSequences;
    final Backend backend;
    private final Initializer kernelInit;
    private final Initializer recurrentInit;
    final Initializer biasInit;
    private final Shape inputShape;
    private final Shape outputShape;
    private final String name;

    float[] params;
    float[] grads;
    int kernelOff;
    int recurrentOff;
    int biasOff;

    // Forward state of the last batch.
    int batch;
    int steps;
    int[] lengths;
    /** Input, time-major {@code [time, batch, features]}. */
    private float[] xs;
    /**
     * The input projection {@code x W} (without bias) {@code [time, batch, G]}; each step adds its
     * recurrent part and the bias and overwrites it with the gate activations.
     */
    float[] gates;
    /** Hidden states {@code [time + 1, batch, units]}; slot 0 is the zero initial state. */
    float[] hs;

    private float[] output;

    // Backward buffers.
    /** Gradient with respect to the input projection {@code x W + b}, {@code [time, batch, G]}. */
    float[] dGates;

    private float[] dh;
    private float[] dhPrev;
    /** U transposed, {@code [G, units]}, so the per-step GEMM needs no transposed operand. */
    private float[] recurrentT;

    private float[] dxs;
    private float[] gradInput;

    RecurrentLayer(
            String name,
            int time,
            int features,
            int units,
            int gateWidth,
            boolean returnSequences,
            Initializer kernelInit,
            Initializer recurrentInit,
            Initializer biasInit,
            Backend backend) {
        this.name = name;
        this.time = time;
        this.features = features;
        this.units = units;
        this.gateWidth = gateWidth;
        this.returnSequences = returnSequences;
        this.kernelInit = kernelInit;
        this.recurrentInit = recurrentInit;
        this.biasInit = biasInit;
        this.backend = backend;
        this.inputShape = Shape.of(time, features);
        this.outputShape = returnSequences ? Shape.of(time, units) : Shape.of(units);
    }

    /** Bias floats: G for LSTM, 2G for GRU (input and recurrent biases). */
    abstract int biasSize();

    /** Allocates the subclass's per-batch buffers for {@code batch} samples. */
    abstract void ensureBuffers(int batch);

    /**
     * Step {@code t}: reads {@code gates[t]} (input projection) and {@code hs[t]}, adds the bias,
     * writes the activations it needs later and {@code hs[t + 1]} (= {@code hs[t]} for samples
     * past their length).
     */
    abstract void stepForward(int t);

    /** Zeroes the subclass's gradient carries (e.g. the LSTM cell state's) before a backward pass. */
    abstract void beginBackward();

    /**
     * Step {@code t} backwards, given {@code dh} = dLoss/dh[t + 1]: writes {@code dGates[t]},
     * the recurrent pre-activation gradient of step t (see {@link #recurrentGradients()}) and the
     * direct part of dLoss/dh[t] into {@code dhPrev} (the caller adds the recurrent GEMM), and
     * adds the step's bias gradients to {@code grads[biasOff ...]} (zeroed by the caller).
     */
    abstract void stepBackward(int t, float[] dh, float[] dhPrev);

    /** The gradient of {@code h[t] U (+ recurrent bias)} per step, {@code [time, batch, G]}. */
    abstract float[] recurrentGradients();

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public int paramCount() {
        return (features + units) * gateWidth + biasSize();
    }

    @Override
    public void bind(float[] params, float[] grads, int offset) {
        this.params = params;
        this.grads = grads;
        this.kernelOff = offset;
        this.recurrentOff = offset + features * gateWidth;
        this.biasOff = recurrentOff + units * gateWidth;
    }

    @Override
    public void initialize(SplittableRandom rng) {
        kernelInit.fill(params, kernelOff, features * gateWidth, features, gateWidth, rng);
        recurrentInit.fill(params, recurrentOff, units * gateWidth, units, gateWidth, rng);
        biasInit.fill(params, biasOff, biasSize(), features, gateWidth, rng);
    }

    /** Whether sample {@code b} is still within its length at step {@code t}. */
    final boolean active(int b, int t) {
        return lengths == null || t < lengths[b];
    }

    @Override
    public float[] forward(float[] x, int batch, ForwardContext ctx) {
        this.batch = batch;
        lengths = SequenceLengths.copy(ctx, batch, time, name, lengths);
        steps = SequenceLengths.max(lengths, batch, time);
        int bh = batch * units;
        xs = Buffers.ensure(xs, time * batch * features);
        gates = Buffers.ensure(gates, time * batch * gateWidth);
        hs = Buffers.ensure(hs, (time + 1) * bh);
        ensureBuffers(batch);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(x, (b * time + t) * features, xs, (t * batch + b) * features, features);
            }
        }
        int rows = steps * batch;
        if (rows > 0) {
            backend.sgemm(
                    false, false, rows, gateWidth, features, 1f, xs, 0, features, params, kernelOff, gateWidth, 0f,
                    gates, 0, gateWidth);
        }
        Arrays.fill(hs, 0, bh, 0f);
        for (int t = 0; t < steps; t++) {
            stepForward(t);
        }
        return writeOutput();
    }

    private float[] writeOutput() {
        int bh = batch * units;
        if (!returnSequences) {
            output = Buffers.ensure(output, bh);
            System.arraycopy(hs, steps * bh, output, 0, bh); // slot 0 is zeros when steps == 0
            return output;
        }
        float[] y = output = Buffers.ensure(output, batch * time * units);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int dst = (b * time + t) * units;
                if (t < steps && active(b, t)) {
                    System.arraycopy(hs, (t + 1) * bh + b * units, y, dst, units);
                } else {
                    Arrays.fill(y, dst, dst + units, 0f);
                }
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        int bh = batch * units;
        int g = gateWidth;
        dGates = Buffers.ensure(dGates, time * batch * g);
        dh = Buffers.ensure(dh, bh);
        dhPrev = Buffers.ensure(dhPrev, bh);
        if (returnSequences) {
            Arrays.fill(dh, 0, bh, 0f);
        } else {
            System.arraycopy(dy, 0, dh, 0, bh);
        }
        beginBackward();
        Arrays.fill(grads, biasOff, biasOff + biasSize(), 0f);
        transposeRecurrentKernel();
        float[] dRec = recurrentGradients();
        for (int t = steps - 1; t >= 0; t--) {
            if (returnSequences) {
                for (int b = 0; b < batch; b++) {
                    if (active(b, t)) {
                        int src = (b * time + t) * units;
                        int o = b * units;
                        for (int j = 0; j < units; j++) {
                            dh[o + j] += dy[src + j];
                        }
                    }
                }
            }
            stepBackward(t, dh, dhPrev);
            if (t > 0) {
                // dL/dh[t] += dRec[t] U^T
                backend.sgemm(
                        false,
                        false,
                        batch,
                        units,
                        g,
                        1f,
                        dRec,
                        t * batch * g,
                        g,
                        recurrentT,
                        0,
                        units,
                        1f,
                        dhPrev,
                        0,
                        units);
            }
            float[] swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
        weightGradients(batch);
        if (!needInputGradient) {
            return null;
        }
        return inputGradient(batch);
    }

    private void transposeRecurrentKernel() {
        int g = gateWidth;
        recurrentT = Buffers.ensure(recurrentT, g * units);
        for (int r = 0; r < units; r++) {
            int src = recurrentOff + r * g;
            for (int c = 0; c < g; c++) {
                recurrentT[c * units + r] = params[src + c];
            }
        }
    }

    private void weightGradients(int batch) {
        int g = gateWidth;
        int rows = steps * batch;
        if (rows == 0) {
            Arrays.fill(grads, kernelOff, kernelOff + paramCount(), 0f);
            return;
        }
        // dW = X^T dGates over all steps; dU = h[t]^T dRec[t] summed over t >= 1 (h[0] = 0).
        backend.sgemm(true, false, features, g, rows, 1f, xs, 0, features, dGates, 0, g, 0f, grads, kernelOff, g);
        int recRows = rows - batch;
        if (recRows > 0) {
            backend.sgemm(
                    true,
                    false,
                    units,
                    g,
                    recRows,
                    1f,
                    hs,
                    batch * units,
                    units,
                    recurrentGradients(),
                    batch * g,
                    g,
                    0f,
                    grads,
                    recurrentOff,
                    g);
        } else {
            Arrays.fill(grads, recurrentOff, recurrentOff + units * g, 0f);
        }
    }

    private float[] inputGradient(int batch) {
        int f = features;
        float[] dx = gradInput = Buffers.ensure(gradInput, batch * time * f);
        int rows = steps * batch;
        if (rows > 0) {
            dxs = Buffers.ensure(dxs, time * batch * f);
            backend.sgemm(
                    false, true, rows, f, gateWidth, 1f, dGates, 0, gateWidth, params, kernelOff, gateWidth, 0f, dxs, 0,
                    f);
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int dst = (b * time + t) * f;
                if (t < steps) {
                    System.arraycopy(dxs, (t * batch + b) * f, dx, dst, f); // zero rows past a length
                } else {
                    Arrays.fill(dx, dst, dst + f, 0f);
                }
            }
        }
        return dx;
    }
}
