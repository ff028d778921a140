package io.sparknn.tensor;

import java.util.Arrays;

/**
 * The per-sample shape of a tensor (the batch dimension is never part of it). Immutable.
 * A Dense input of 784 features is {@code [784]}; a grey image is {@code [1, 28, 28]} (CHW).
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * @throws IllegalArgumentException if there are no dimensions, one is not positive, or a
     *                                  sample would have more than 2^31-1 elements
     */
    public static Shape of(int... dims) {
        if (dims == null || dims.length == 0) {
            throw new IllegalArgumentException("A shape needs at least one dimension, got none");
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "Every dimension of a shape must be positive, got " + Arrays.toString(dims));
            }
        }
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) { // checked per factor: the product of int dims cannot wrap before this
                throw new IllegalArgumentException("Shape " + Arrays.toString(dims) + " has more than 2^31-1 "
                        + "elements per sample; one sample must fit a float array");
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements of one sample; at most 2^31-1, as {@link #of} checks. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
