package io.sparknn.tensor;

/**
 * Where a float array stops being finite. The engine computes in float, so a value that is
 * finite as a double (1e300) but overflows float (beyond about 3.4e38) is checked after the
 * cast, as the engine will see it.
 */
public final class Finiteness {
    /**
     * The smallest magnitude a double rounds up to a float infinity from: {@code 2^128 - 2^103}
     * (half an ulp above {@link Float#MAX_VALUE}). Every double below it casts to a finite float.
     */
    public static final double FLOAT_OVERFLOW = 0x1.ffffffp127;

    private Finiteness() {}

    /** The index of the first NaN or infinite value in {@code values}, or -1 if all are finite. */
    public static int firstNonFinite(float[] values) {
        return firstNonFinite(values, 0, values.length);
    }

    /** The index of the first NaN or infinite value in {@code values[from, to)}, or -1. */
    public static int firstNonFinite(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code value} is finite once the engine casts it to float. */
    public static boolean finiteAsFloat(double value) {
        return Float.isFinite((float) value);
    }
}
