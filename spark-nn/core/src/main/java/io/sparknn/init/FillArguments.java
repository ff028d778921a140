package io.sparknn.init;

/** Checks the slice arguments of {@link Initializer#fill}. */
final class FillArguments {
    private FillArguments() {}

    static void checkSlice(String initializer, float[] w, int offset, int length) {
        if (w == null || offset < 0 || length < 0 || (long) offset + length > w.length) {
            throw new IllegalArgumentException("Initializer '" + initializer + "': slice [offset "
                    + offset + ", length " + length + ") does not fit the weight array of "
                    + (w == null ? "null" : w.length + " values")
                    + ". Check the layer's parameter offsets.");
        }
    }
}
