package io.sparknn.keras;

import java.util.Arrays;

/** One stored Keras variable: its shape and its values in row-major order. */
record WeightArray(int[] shape, float[] values) {

    int dim(int axis) {
        return shape[axis];
    }

    int rank() {
        return shape.length;
    }

    String shapeText() {
        return Arrays.toString(shape);
    }
}
