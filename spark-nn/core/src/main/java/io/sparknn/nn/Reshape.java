package io.sparknn.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.backend.Backend;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.nn.layer.Layer;
import io.sparknn.nn.layer.ReshapeLayer;
import io.sparknn.tensor.Shape;
import java.util.List;

/**
 * Gives each sample a new shape with the same number of elements, as Keras'
 * {@code Reshape(target_shape)}; one dimension may be {@code -1} and is then inferred. E.g.
 * {@code new Reshape(1, 28, 28)} turns 784 features into a grey image. Free: the data is not
 * copied.
 */
public record Reshape(List<Integer> targetShape) implements LayerSpec {

    public Reshape {
        if (targetShape == null || targetShape.isEmpty()) {
            throw new InvalidNetworkException("Reshape needs a non-empty targetShape, e.g. [1, 28, 28]");
        }
        targetShape = List.copyOf(targetShape);
        int inferred = 0;
        for (int d : targetShape) {
            if (d == -1) {
                inferred++;
            } else if (d <= 0) {
                throw new InvalidNetworkException("Reshape targetShape " + targetShape + " has a dimension " + d
                        + "; dimensions must be positive, or -1 (at most one) to infer it");
            }
        }
        if (inferred > 1) {
            throw new InvalidNetworkException("Reshape targetShape " + targetShape + " has " + inferred
                    + " dimensions of -1; at most one can be inferred");
        }
    }

    public Reshape(int... targetShape) {
        this(java.util.Arrays.stream(targetShape).boxed().toList());
    }

    @Override
    public String type() {
        return "Reshape";
    }

    @Override
    public Shape outputShape(Shape input, int index) {
        long known = 1;
        int free = -1;
        int[] dims = new int[targetShape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = targetShape.get(i);
            if (dims[i] == -1) {
                free = i;
            } else {
                known *= dims[i];
            }
        }
        int size = input.size();
        if (free >= 0 && size % known == 0) {
            dims[free] = (int) (size / known);
        }
        if ((free >= 0 && size % known != 0) || (free < 0 && known != size)) {
            throw new InvalidNetworkException(
                    InvalidNetworkException.layer(index, "Reshape " + targetShape) + " receives "
                            + input + " (" + size + " values per sample) but the target shape " + targetShape
                            + (free >= 0 ? " needs a multiple of " + known : " holds " + known)
                            + ". Choose a target shape with " + size + " values, or use -1 for one dimension.");
        }
        return Shape.of(dims);
    }

    @Override
    public long paramCount(Shape input) {
        return 0;
    }

    @Override
    public long flopsPerSample(Shape input) {
        return 0;
    }

    @Override
    public List<Layer> build(Shape input, Backend backend) {
        return List.of(new ReshapeLayer(input, outputShape(input, -1)));
    }

    @Override
    public void writeConfig(ObjectNode node) {
        var arr = node.putArray("targetShape");
        targetShape.forEach(arr::add);
    }
}
