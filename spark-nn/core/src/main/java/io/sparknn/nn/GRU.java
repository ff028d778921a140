package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.init.Initializers;
import io.sparknn.nn.layer.GruLayer;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * Gated recurrent unit over sequences {@code [time, features]}, as Keras' {@code GRU} with its
 * defaults (tanh and sigmoid, {@code reset_after=True}: the reset gate multiplies the recurrent
 * projection after the matrix product, the variant cuDNN implements; the original
 * {@code reset_after=False} form is not offered). Output {@code [units]} (the last valid step)
 * or, with {@code returnSequences}, {@code [time, units]}. The initial state is zeros.
 *
 * <p>Parameters, in Keras' layout and gate order (z, r, h): kernel {@code [features, 3 units]},
 * recurrent kernel {@code [units, 3 units]}, bias {@code [2, 3 units]} (input bias, then
 * recurrent bias). Right-padded sequences are handled as in {@link LSTM}.
 */
public record GRU(
        int units,
        boolean returnSequences,
        String kernelInitializer,
        String recurrentInitializer,
        String biasInitializer)
        implements LayerSpec {

    public GRU {
        if (units <= 0) {
            throw new InvalidNetworkException("GRU units must be positive, got " + units);
        }
        kernelInitializer = kernelInitializer == null ? LSTM.DEFAULT_KERNEL_INITIALIZER : kernelInitializer;
        recurrentInitializer = recurrentInitializer == null ? LSTM.DEFAULT_RECURRENT_INITIALIZER : recurrentInitializer;
        biasInitializer = biasInitializer == null ? LSTM.DEFAULT_BIAS_INITIALIZER : biasInitializer;
        Initializers.byName(kernelInitializer);
        Initializers.byName(recurrentInitializer);
        Initializers.byName(biasInitializer);
    }

    /** The last step's output with Keras' default initialisers. */
    public GRU(int units) {
        this(units, false);
    }

    public GRU(int units, boolean returnSequences) {
        this(units, returnSequences, null, null, null);
    }

    @Override
    public String type() {
        return "GRU";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        SequenceInput.require(input, index, "GRU " + units);
        return returnSequences ? Shape.of(input.dim(0), units) : Shape.of(units);
    }

    @Override
    public long paramCount(Shape input) {
        return Math.multiplyExact(3L * units, (long) input.dim(1) + units + 2); // exact: a hostile spec must not wrap
    }

    /**
     * Per step: the GEMMs {@code 2 * 3u * (features + u)}, the biases {@code 6u}, the gate
     * activations (4 per element) {@code 12u}, and {@code r * hn} and the interpolation {@code 5u}.
     */
    @Override
    public long flopsPerSample(Shape input) {
        long u = units;
        return input.dim(0) * (6 * u * (input.dim(1) + u) + 6 * u + 12 * u + 5 * u);
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new GruLayer(
                input.dim(0),
                input.dim(1),
                units,
                returnSequences,
                Initializers.byName(kernelInitializer),
                Initializers.byName(recurrentInitializer),
                Initializers.byName(biasInitializer),
                backend));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        node.put("units", units);
        node.put("returnSequences", returnSequences);
        node.put("kernelInitializer", kernelInitializer);
        node.put("recurrentInitializer", recurrentInitializer);
        node.put("biasInitializer", biasInitializer);
    }
}
