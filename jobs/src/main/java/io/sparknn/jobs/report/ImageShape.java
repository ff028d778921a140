package io.sparknn.jobs.report;

import io.sparknn.tensor.Shape;

/**
 * How a network's input is drawn as a picture, if it is one: {@code [C, H, W]} with 1 or 3
 * channels, {@code [H, W]}, or a flat vector of a square number (at least 8x8) of values, the
 * way an MLP reads flattened images such as Fashion-MNIST's 784 pixels.
 */
record ImageShape(int channels, int height, int width) {

    /** The picture shape of {@code input}, or null when it is not an image. */
    static ImageShape of(Shape input) {
        int[] d = input.dims();
        if (d.length == 3 && (d[0] == 1 || d[0] == 3) && d[1] >= 8 && d[2] >= 8) {
            return new ImageShape(d[0], d[1], d[2]);
        }
        if (d.length == 2 && d[0] >= 8 && d[1] >= 8) {
            return new ImageShape(1, d[0], d[1]);
        }
        if (d.length == 1) {
            int side = (int) Math.round(Math.sqrt(d[0]));
            if (side >= 8 && side * side == d[0]) {
                return new ImageShape(1, side, side);
            }
        }
        return null;
    }
}
