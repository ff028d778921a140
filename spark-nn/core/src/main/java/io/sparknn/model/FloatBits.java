package io.sparknn.model;

/**
 * Equality and hashing of float arrays by raw bits. {@link java.util.Arrays#equals(float[],
 * float[])} folds all NaN payloads into one, but a saved model must come back bit for bit.
 */
final class FloatBits {
    private FloatBits() {}

    static boolean equal(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    static int hash(float[] a) {
        int h = 1;
        for (float v : a) {
            h = 31 * h + Float.floatToRawIntBits(v);
        }
        return h;
    }
}
