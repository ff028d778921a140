package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.BatchNormalizationLayer;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * Batch normalization, as Keras' {@code BatchNormalization(momentum, epsilon, center, scale)}:
 * {@code y = gamma * (x - mean) / sqrt(var + epsilon) + beta} per channel. The channel is the
 * first axis of a sample: the features of a flat {@code [n]} input, the channels of an image
 * {@code [C, H, W]} (NCHW, like PyTorch's {@code BatchNorm2d}); statistics run over the batch and
 * the remaining axes.
 *
 * <p>In training the batch's mean and (biased) variance normalize, and the running statistics
 * move towards them: {@code running = momentum * running + (1 - momentum) * batch}, where the
 * running variance takes the unbiased batch variance ({@code * m / (m - 1)} for {@code m}
 * values per channel), as Keras' fused kernel and PyTorch do. At inference the running
 * statistics normalize. Parameters: {@code gamma} (if {@code scale}, starts at 1) then
 * {@code beta} (if {@code center}, starts at 0), one per channel. The running mean (starts at
 * 0) and variance (starts at 1) are not trainable: they live in the network's state array.
 */
public record BatchNormalization(float momentum, float epsilon, boolean center, boolean scale) implements LayerSpec {
    public static final float DEFAULT_MOMENTUM = 0.99f;
    public static final float DEFAULT_EPSILON = 1e-3f;

    public BatchNormalization {
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new InvalidNetworkException(
                    "BatchNormalization momentum must be in [0, 1), got " + momentum + ". Keras' default is 0.99.");
        }
        if (!(epsilon > 0f) || Float.isInfinite(epsilon)) {
            throw new InvalidNetworkException("BatchNormalization epsilon must be a finite value > 0, got " + epsilon
                    + ". Keras' default is 0.001.");
        }
    }

    /** Keras' defaults: momentum 0.99, epsilon 1e-3, center and scale. */
    public BatchNormalization() {
        this(DEFAULT_MOMENTUM, DEFAULT_EPSILON, true, true);
    }

    @Override
    public String type() {
        return "BatchNormalization";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        return input;
    }

    @Override
    public long paramCount(Shape input) {
        return (long) input.dim(0) * ((scale ? 1 : 0) + (center ? 1 : 0));
    }

    @Override
    public long stateSize(Shape input) {
        return 2L * input.dim(0);
    }

    @Override
    public long flopsPerSample(Shape input) {
        return 2L * input.size(); // at inference one multiply-add per element
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new BatchNormalizationLayer(input, momentum, epsilon, center, scale));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        node.put("momentum", momentum);
        node.put("epsilon", epsilon);
        node.put("center", center);
        node.put("scale", scale);
    }
}
