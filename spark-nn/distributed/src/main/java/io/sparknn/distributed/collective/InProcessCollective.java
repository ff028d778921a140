package io.sparknn.distributed.collective;

import io.sparknn.distributed.collective.InProcessGroup.Posted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Collective} among threads of one JVM, for unit tests of the trainer: each member reads
 * the other members' arrays directly. It slices arrays and orders additions exactly like {@link
 * TcpCollective}, so both give bit-identical results. Each member must be used by its own thread
 * and pass its own arrays.
 */
public final class InProcessCollective implements Collective {

    /** Default time a member waits for the others before the group fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final InProcessGroup group;
    private final int rank;
    private float[] scratch = new float[0];
    private int seq;
    private boolean closed;

    private InProcessCollective(InProcessGroup group, int rank) {
        this.group = group;
        this.rank = rank;
    }

    /** Creates a group of {@code size} members with the default timeout; member i has rank i. */
    public static List<Collective> group(int size) {
        return group(size, DEFAULT_TIMEOUT);
    }

    /**
     * Creates a group of {@code size} members; a member that waits longer than {@code timeout} for
     * the others breaks the group with a {@link CollectiveException}.
     */
    public static List<Collective> group(int size, Duration timeout) {
        if (size < 1) {
            throw new IllegalArgumentException("group size must be at least 1 but was " + size);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        InProcessGroup group = new InProcessGroup(size, timeout);
        List<Collective> members = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            members.add(new InProcessCollective(group, r));
        }
        return List.copyOf(members);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return group.size;
    }

    @Override
    public void allReduceSum(float[] data, int offset, int length) {
        Operation.checkRange(Operation.ALL_REDUCE_SUM, data, offset, length);
        Posted[] all = begin(Operation.ALL_REDUCE_SUM, data, offset, length);
        reduceOwnSlice(all, data, offset, length, 0, length);
        group.await(rank, all[rank].describe() + " after the reduce phase");
        gatherOtherSlices(all, data, offset, length);
        group.await(rank, all[rank].describe() + " after the gather phase");
    }

    @Override
    public void reduceScatterSum(float[] data, int offset, int length) {
        Operation.checkRange(Operation.REDUCE_SCATTER_SUM, data, offset, length);
        Posted[] all = begin(Operation.REDUCE_SCATTER_SUM, data, offset, length);
        reduceOwnSlice(all, data, offset, length, 0, length);
        group.await(rank, all[rank].describe() + " after the reduce phase");
    }

    @Override
    public void reduceScatterSum(float[] data, int offset, int length, int from, int to) {
        Operation op = Operation.REDUCE_SCATTER_SUM;
        Operation.checkRange(op, data, offset, length);
        Operation.checkWindow(op, length, from, to);
        // Posted with the window's length, as the TCP ring's header carries it.
        Posted[] all = begin(op, data, offset, to - from);
        reduceOwnSlice(all, data, offset, length, from, to);
        group.await(rank, all[rank].describe() + " after the reduce phase");
    }

    @Override
    public void allGather(float[] data, int offset, int length) {
        Operation.checkRange(Operation.ALL_GATHER, data, offset, length);
        Posted[] all = begin(Operation.ALL_GATHER, data, offset, length);
        gatherOtherSlices(all, data, offset, length);
        group.await(rank, all[rank].describe() + " after the gather phase");
    }

    @Override
    public void allReduceSum(double[] values) {
        Operation.checkSmall(values);
        Posted[] all = begin(Operation.ALL_REDUCE_SUM_DOUBLE, values, 0, values.length);
        double[] sum = new double[values.length];
        for (int r = 0; r < group.size; r++) {
            double[] v = (double[]) all[r].data();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        group.await(rank, all[rank].describe() + " after summing");
        System.arraycopy(sum, 0, values, 0, sum.length);
    }

    @Override
    public void barrier() {
        Posted[] all = begin(Operation.BARRIER, null, 0, 0);
        // Every operation ends with a wait after the last read of the posted calls, so that no
        // member can post its next call while another still checks this one.
        group.await(rank, all[rank].describe() + " after checking");
    }

    /** Leaves the group; members still waiting (or calling later) fail instead of hanging. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            group.breakGroup("rank " + rank + " closed its member of the group");
        }
    }

    /** Posts this member's call, waits for all members and checks they called the same thing. */
    private Posted[] begin(Operation op, Object data, int offset, int length) {
        if (closed) {
            throw new CollectiveException("rank " + rank + ": " + op.displayName + " called after close()");
        }
        Posted mine = new Posted(op, ++seq, data, offset, length);
        group.post(rank, mine);
        group.await(rank, mine.describe());
        Posted[] all = new Posted[group.size];
        for (int r = 0; r < group.size; r++) {
            all[r] = group.posted(r);
            if (all[r].op() != op || all[r].seq() != mine.seq() || all[r].length() != length) {
                String reason = "rank " + rank + " called " + mine.describe() + " but rank " + r
                        + " called " + all[r].describe() + "; all ranks must call the same operations in"
                        + " the same order with the same lengths";
                group.breakGroup(reason);
                throw new CollectiveException(reason);
            }
        }
        return all;
    }

    /**
     * Writes the sum of this rank's slice into {@code data}, adding in the ring order rank+1,
     * rank+2, ..., rank (modulo size) in float, which is the order of the TCP ring. Only the part
     * of the slice inside the window {@code [from, to)} is summed.
     */
    private void reduceOwnSlice(Posted[] all, float[] data, int offset, int length, int from, int to) {
        int n = group.size;
        int start = Math.max(from, sliceStart(rank, length));
        int len = Math.min(to, sliceEnd(rank, length)) - start;
        if (n == 1 || len <= 0) {
            return;
        }
        if (scratch.length < len) {
            scratch = new float[len];
        }
        Posted first = all[(rank + 1) % n];
        System.arraycopy((float[]) first.data(), first.offset() + start, scratch, 0, len);
        for (int k = 2; k <= n; k++) {
            Posted p = all[(rank + k) % n];
            float[] src = (float[]) p.data();
            int base = p.offset() + start;
            for (int i = 0; i < len; i++) {
                scratch[i] += src[base + i];
            }
        }
        System.arraycopy(scratch, 0, data, offset + start, len);
    }

    /** Copies every other rank's slice from its owner's array. */
    private void gatherOtherSlices(Posted[] all, float[] data, int offset, int length) {
        for (int r = 0; r < group.size; r++) {
            if (r != rank) {
                int start = sliceStart(r, length);
                int len = sliceEnd(r, length) - start;
                System.arraycopy((float[]) all[r].data(), all[r].offset() + start, data, offset + start, len);
            }
        }
    }
}
