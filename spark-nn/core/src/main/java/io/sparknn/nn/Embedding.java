package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.init.Initializers;
import io.sparknn.nn.layer.EmbeddingLayer;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * A lookup table of {@code inputDim} learned vectors of {@code outputDim} floats, as Keras'
 * {@code Embedding}: each sample is {@code [time]} integer token ids stored as floats, and the
 * output is {@code [time, outputDim]}. The table is stored {@code [inputDim, outputDim]}
 * row-major in the network's flat parameter vector.
 *
 * <p>{@code paddingIndex} (default -1: none) marks the id that pads sequences on the right,
 * like Keras' {@code mask_zero} but for any id. Positions holding it output zeros, and its row
 * receives no gradient (as PyTorch's {@code padding_idx}; it is initialised to zeros too). When
 * this layer is the network's first, the network gives each sample the length "position of the
 * last non-padding id + 1" and the recurrent layers ignore the steps after it. A padding id
 * before that position is an ordinary step with a zero input.
 *
 * <p>The default initialiser is {@code glorot_uniform} (Keras uses uniform in ±0.05; for a
 * vocabulary of 10,000 and 64 dimensions Glorot's limit is ±0.024).
 */
public record Embedding(int inputDim, int outputDim, int paddingIndex, String embeddingsInitializer)
        implements LayerSpec {
    public static final String DEFAULT_INITIALIZER = "glorot_uniform";
    /** Largest vocabulary whose ids float32 holds exactly (2^24). */
    public static final int MAX_INPUT_DIM = 1 << 24;

    public Embedding {
        if (inputDim <= 0 || inputDim > MAX_INPUT_DIM) {
            throw new InvalidNetworkException("Embedding inputDim (vocabulary size) must be in [1, " + MAX_INPUT_DIM
                    + "] (ids are stored as float32), got " + inputDim);
        }
        if (outputDim <= 0) {
            throw new InvalidNetworkException("Embedding outputDim must be positive, got " + outputDim);
        }
        if (paddingIndex < -1 || paddingIndex >= inputDim) {
            throw new InvalidNetworkException(
                    "Embedding paddingIndex must be -1 (none) or an id in [0, " + inputDim + "), got " + paddingIndex);
        }
        embeddingsInitializer = embeddingsInitializer == null ? DEFAULT_INITIALIZER : embeddingsInitializer;
        Initializers.byName(embeddingsInitializer);
    }

    /** No padding index, default initialiser. */
    public Embedding(int inputDim, int outputDim) {
        this(inputDim, outputDim, -1, null);
    }

    /** Sequences right-padded with {@code paddingIndex}, default initialiser. */
    public Embedding(int inputDim, int outputDim, int paddingIndex) {
        this(inputDim, outputDim, paddingIndex, null);
    }

    @Override
    public String type() {
        return "Embedding";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        if (input.rank() != 1) {
            throw new InvalidNetworkException("Layer " + index + " (Embedding " + inputDim + " -> " + outputDim
                    + ") needs token ids of shape [time] but receives " + input
                    + ". Give each sample one integer id per time step, e.g. input shape [100].");
        }
        return Shape.of(input.dim(0), outputDim);
    }

    @Override
    public long paramCount(Shape input) {
        return (long) inputDim * outputDim;
    }

    @Override
    public long flopsPerSample(Shape input) {
        return 0; // a gather
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new EmbeddingLayer(
                input.dim(0), inputDim, outputDim, paddingIndex, Initializers.byName(embeddingsInitializer)));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        node.put("inputDim", inputDim);
        node.put("outputDim", outputDim);
        node.put("paddingIndex", paddingIndex);
        node.put("embeddingsInitializer", embeddingsInitializer);
    }
}
