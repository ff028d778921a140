package io.sparknn.tensor;

import java.util.Objects;

/**
 * A dense float32 batch in row-major order: {@code batch} samples of {@link #shape()} each,
 * sample {@code i} at {@code data[i * shape.size() .. (i + 1) * shape.size())}.
 * The array is shared, not copied: a tensor is a view with a shape.
 */
public final class Tensor {
    private final float[] data;
    private final int batch;
    private final Shape shape;

    public Tensor(float[] data, int batch, Shape shape) {
        this.data = Objects.requireNonNull(data, "data");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        long needed = (long) batch * shape.size();
        if (data.length < needed) {
            throw new IllegalArgumentException("A batch of " + batch + " samples of shape " + shape + " needs " + needed
                    + " floats but the array has " + data.length);
        }
        this.batch = batch;
    }

    public float[] data() {
        return data;
    }

    public int batch() {
        return batch;
    }

    public Shape shape() {
        return shape;
    }

    /** Value {@code j} (flat index within the sample) of sample {@code i}. */
    public float get(int i, int j) {
        return data[i * shape.size() + j];
    }
}
