package io.sparknn.distributed.collective;

import java.util.Objects;

/** The collective operations, with their public names (for messages) and wire codes. */
enum Operation {
    ALL_REDUCE_SUM("allReduceSum", 1),
    REDUCE_SCATTER_SUM("reduceScatterSum", 2),
    ALL_GATHER("allGather", 3),
    ALL_REDUCE_SUM_DOUBLE("allReduceSum(double[])", 4),
    BARRIER("barrier", 5);

    final String displayName;
    final int code;

    Operation(String displayName, int code) {
        this.displayName = displayName;
        this.code = code;
    }

    /** The operation with wire code {@code code}, or null. */
    static Operation ofCode(int code) {
        for (Operation op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }

    /** "allReduceSum #12 (length 1000)", as it appears in error messages. */
    String describe(int seq, int length) {
        return displayName + " #" + seq + " (length " + length + ")";
    }

    /** Checks the arguments of a float operation, with messages naming the operation. */
    static void checkRange(Operation op, float[] data, int offset, int length) {
        Objects.requireNonNull(data, () -> op.displayName + ": data is null");
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException(op.displayName + ": range [offset " + offset + ", length " + length
                    + ") is outside the array of length " + data.length);
        }
    }

    /** Checks a window {@code [from, to)} of a float operation's range of {@code length}. */
    static void checkWindow(Operation op, int length, int from, int to) {
        if (from < 0 || from > to || to > length) {
            throw new IndexOutOfBoundsException(
                    op.displayName + ": window [" + from + ", " + to + ") is not inside the range [0, " + length + ")");
        }
    }

    /** Checks the argument of the double all-reduce. */
    static void checkSmall(double[] values) {
        Objects.requireNonNull(values, "allReduceSum(double[]): values is null");
        if (values.length > Collective.MAX_SMALL_VALUES) {
            throw new IllegalArgumentException("allReduceSum(double[]) takes at most "
                    + Collective.MAX_SMALL_VALUES + " values for metrics but got " + values.length
                    + "; sum large arrays with allReduceSum(float[], int, int)");
        }
    }
}
