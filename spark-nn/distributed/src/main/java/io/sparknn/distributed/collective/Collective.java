package io.sparknn.distributed.collective;

/**
 * Collective operations among the {@link #size()} ranks of one training run.
 *
 * <p>Every rank must call the same operations in the same order with the same lengths; a
 * mismatch is detected and reported as a {@link CollectiveException}. One instance is used by one
 * thread at a time. Results are deterministic and bit-identical on all ranks: the sum of slice
 * {@code c} is always accumulated in float in the ring order {@code c+1, c+2, ..., c} (ranks
 * modulo size), whatever the implementation.
 *
 * <p>Float arrays are split into {@code size()} contiguous slices, slice {@code r} being
 * {@code [length*r/size, length*(r+1)/size)} relative to {@code offset} (see {@link
 * #sliceStart(int, int, int)}). Slices may be empty when {@code length < size}; length 0 is
 * allowed everywhere.
 */
public interface Collective extends AutoCloseable {

    /** This member's rank, in {@code [0, size())}. */
    int rank();

    /** The number of ranks in the group. */
    int size();

    /**
     * Sums {@code data[offset, offset+length)} across all ranks, in place; every rank ends with the
     * same bits. Equivalent to {@link #reduceScatterSum} followed by {@link #allGather}.
     */
    void allReduceSum(float[] data, int offset, int length);

    /**
     * Sums across all ranks, but only this rank's slice {@code [sliceStart(rank), sliceEnd(rank))}
     * of {@code data[offset, offset+length)} is guaranteed to hold the full sum afterwards; the
     * other slices hold unspecified values. Used to update a sharded optimizer slice.
     */
    void reduceScatterSum(float[] data, int offset, int length);

    /**
     * {@link #reduceScatterSum(float[], int, int)} of the elements {@code [from, to)} (relative
     * to {@code offset}) only: the slices are still those of the whole {@code length}, so each
     * element has the same owner and is summed in the same order, to the same bits, as by the
     * call on the whole array. Reducing an array window by window (in the same windows on every
     * rank) therefore equals reducing it at once, and the windows can be reduced as soon as their
     * values are ready.
     */
    void reduceScatterSum(float[] data, int offset, int length, int from, int to);

    /**
     * Each rank contributes its own slice of {@code data[offset, offset+length)}; afterwards every
     * rank holds all slices (exact copies of the owners' bits).
     */
    void allGather(float[] data, int offset, int length);

    /**
     * Sums a few doubles (loss sums, sample counts) across all ranks, in place. Every rank adds the
     * values in rank order 0..size-1, so all ranks get the same bits. At most {@link
     * #MAX_SMALL_VALUES} values.
     */
    void allReduceSum(double[] values);

    /** Returns once every rank has called {@code barrier()}. */
    void barrier();

    /** Closes the connections or leaves the group; idempotent. Never throws. */
    @Override
    void close();

    /** The largest array {@link #allReduceSum(double[])} accepts. */
    int MAX_SMALL_VALUES = 1 << 16;

    /** Start of slice {@code rank} of an array of {@code length}, relative to its offset. */
    static int sliceStart(int rank, int size, int length) {
        return (int) ((long) length * rank / size);
    }

    /** End (exclusive) of slice {@code rank} of an array of {@code length}, relative to its offset. */
    static int sliceEnd(int rank, int size, int length) {
        return (int) ((long) length * (rank + 1) / size);
    }

    /** Start of slice {@code r} of an array of {@code length} in this group. */
    default int sliceStart(int r, int length) {
        return sliceStart(r, size(), length);
    }

    /** End (exclusive) of slice {@code r} of an array of {@code length} in this group. */
    default int sliceEnd(int r, int length) {
        return sliceEnd(r, size(), length);
    }
}
