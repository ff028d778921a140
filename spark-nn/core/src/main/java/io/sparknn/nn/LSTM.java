package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.init.Initializers;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.LstmLayer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * Long short-term memory over sequences {@code [time, features]}, as Keras' {@code LSTM} with
 * tanh and sigmoid activations: output {@code [units]} (the last valid step's hidden state) or,
 * with {@code returnSequences}, {@code [time, units]}. The initial state is zeros.
 *
 * <p>Parameters, in Keras' layout and gate order (i, f, c, o): kernel {@code [features, 4 units]},
 * recurrent kernel {@code [units, 4 units]}, bias {@code [4 units]}. {@code unitForgetBias}
 * (default true, as Keras) starts the forget gate's bias at 1.
 *
 * <p>Right-padded sequences: when the network computes per-sample lengths (an {@link Embedding}
 * with a padding index first), steps past a sample's length leave its state unchanged, output
 * zeros with {@code returnSequences}, and the last-step output is the state at the last valid
 * step; a sample of length 0 outputs zeros.
 */
public record LSTM(
        int units,
        boolean returnSequences,
        String kernelInitializer,
        String recurrentInitializer,
        String biasInitializer,
        boolean unitForgetBias)
        implements LayerSpec {
    public static final String DEFAULT_KERNEL_INITIALIZER = "glorot_uniform";
    public static final String DEFAULT_RECURRENT_INITIALIZER = "orthogonal";
    public static final String DEFAULT_BIAS_INITIALIZER = "zeros";

    public LSTM {
        if (units <= 0) {
            throw new InvalidNetworkException("LSTM units must be positive, got " + units);
        }
        kernelInitializer = kernelInitializer == null ? DEFAULT_KERNEL_INITIALIZER : kernelInitializer;
        recurrentInitializer = recurrentInitializer == null ? DEFAULT_RECURRENT_INITIALIZER : recurrentInitializer;
        biasInitializer = biasInitializer == null ? DEFAULT_BIAS_INITIALIZER : biasInitializer;
        Initializers.byName(kernelInitializer);
        Initializers.byName(recurrentInitializer);
        Initializers.byName(biasInitializer);
    }

    /** The last step's output, Keras' default initialisers and unit forget bias. */
    public LSTM(int units) {
        this(units, false);
    }

    public LSTM(int units, boolean returnSequences) {
        this(units, returnSequences, null, null, null, true);
    }

    @Override
    public String type() {
        return "LSTM";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        SequenceInput.require(input, index, "LSTM " + units);
        return returnSequences ? Shape.of(input.dim(0), units) : Shape.of(units);
    }

    @Override
    public long paramCount(Shape input) {
        return Math.multiplyExact(4L * units, (long) input.dim(1) + units + 1); // exact: a hostile spec must not wrap
    }

    /**
     * Per step: the GEMMs {@code 2 * 4u * (features + u)}, the bias {@code 4u}, the gate
     * activations (4 per element, as {@link ActivationSpec} counts exp-based ones) {@code 16u},
     * tanh of the cell {@code 4u} and the cell and output updates {@code 4u}.
     */
    @Override
    public long flopsPerSample(Shape input) {
        long u = units;
        return input.dim(0) * (8 * u * (input.dim(1) + u) + 4 * u + 16 * u + 4 * u + 4 * u);
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new LstmLayer(
                input.dim(0),
                input.dim(1),
                units,
                returnSequences,
                Initializers.byName(kernelInitializer),
                Initializers.byName(recurrentInitializer),
                Initializers.byName(biasInitializer),
                unitForgetBias,
                backend));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        node.put("units", units);
        node.put("returnSequences", returnSequences);
        node.put("kernelInitializer", kernelInitializer);
        node.put("recurrentInitializer", recurrentInitializer);
        node.put("biasInitializer", biasInitializer);
        node.put("unitForgetBias", unitForgetBias);
    }
}
