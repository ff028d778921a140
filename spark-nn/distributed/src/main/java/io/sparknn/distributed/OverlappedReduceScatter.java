package io.sparknn.distributed;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.CollectiveException;
import io.sparknn.nn.BackwardProgress;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reduce-scatter of a step's gradients in buckets, on a communication thread of its own, while
 * the training thread's backward pass still runs: the bucket of the last layers is on the wire
 * while the layers below compute their gradients.
 *
 * <p>A bucket closes at a layer boundary once it holds at least the minimum number of gradients
 * ({@link #MIN_BUCKET_FLOATS} by default), and at offset 0. That depends only on the network, so every worker reduces the same
 * buckets in the same order. Each bucket is reduced with {@link Collective#reduceScatterSum(float[],
 * int, int, int, int)}, cut along the slices of the whole gradient array, so every element has the
 * same owner and the same summation order as with one call on the whole array: the result is
 * bit-identical to the non-overlapped step.
 *
 * <p>Per step the training thread calls {@link #begin}, hands this object to the backward pass as
 * its {@link BackwardProgress}, and calls {@link #awaitReduced} before it uses the collective
 * again. The collective is thus used by one thread at a time, and the hand-overs go through this
 * object's lock. A failure on the communication thread (a dead peer fails within the collective's
 * timeout) is rethrown by {@link #awaitReduced} on the training thread, with context. The object
 * is created per training run and owns its daemon thread, which {@link #close} ends.
 */
final class OverlappedReduceScatter implements BackwardProgress, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OverlappedReduceScatter.class);
    /** Default smallest bucket, in floats: below it a collective call's fixed cost outweighs the overlap. */
    static final int MIN_BUCKET_FLOATS = 1 << 14;
    /** How long {@link #close} waits for the thread; it is a daemon, so it never holds the JVM. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Collective collective;
    private final int minBucketFloats;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private float[] grads;
    private int length;
    /** Bucket starts handed to the thread (decreasing), and how many were handed and taken. */
    private int[] starts = new int[8];

    private int handed;
    private int taken;
    /** Start of the part of the gradients already reduced; 0 ends the step. */
    private int reducedFrom;

    private RuntimeException failure;
    private boolean closed;

    // Training thread only.
    private int finalFrom;
    private int bucketEnd;
    private boolean poisoned;

    /** @param minBucketFloats the smallest bucket ({@link #MIN_BUCKET_FLOATS} normally, 1: one per layer) */
    OverlappedReduceScatter(Collective collective, int minBucketFloats) {
        if (minBucketFloats < 1) {
            throw new IllegalArgumentException("minBucketFloats must be >= 1, got " + minBucketFloats);
        }
        this.collective = collective;
        this.minBucketFloats = minBucketFloats;
        this.thread = new Thread(this::loop, "sparknn-reduce-scatter-rank-" + collective.rank());
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a step whose backward pass will write {@code grads}; the previous step must be reduced. */
    void begin(float[] grads) {
        lock.lock();
        try {
            checkUsable();
            this.grads = grads;
            this.length = grads.length;
            handed = taken = 0;
            reducedFrom = grads.length;
        } finally {
            lock.unlock();
        }
        finalFrom = bucketEnd = grads.length;
        poisoned = false;
    }

    /**
     * Called by the backward pass. A non-finite loss poisons every gradient with NaN before it is
     * sent (as the non-overlapped step does), so that every worker sees NaN in its own slice and
     * stops at the same step.
     */
    @Override
    public void gradientsFinalFrom(int from, double lossSum) {
        if (!Double.isFinite(lossSum) || poisoned) {
            poisoned = true;
            Arrays.fill(grads, from, finalFrom, Float.NaN);
        }
        finalFrom = from;
        if (bucketEnd - from >= minBucketFloats || (from == 0 && bucketEnd > 0)) {
            hand(from);
            bucketEnd = from;
        }
    }

    /**
     * Waits until every gradient is reduced (this worker's slice holds the global sum) and
     * rethrows a failure of the communication thread.
     */
    void awaitReduced() {
        if (bucketEnd > 0) {
            // Every pass reports offset 0 last; should one not, the rest is final once it returned.
            gradientsFinalFrom(0, poisoned ? Double.NaN : 0);
        }
        lock.lock();
        try {
            while (reducedFrom > 0 && failure == null && !closed) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    // Spark kills a task by interrupting it: stop waiting, as a collective call would.
                    Thread.currentThread().interrupt();
                    throw new CollectiveException("rank " + collective.rank() + " was interrupted while"
                            + " waiting for the reduce-scatter of the gradients (the task was probably killed)");
                }
            }
            checkUsable();
        } finally {
            lock.unlock();
        }
    }

    private void hand(int from) {
        lock.lock();
        try {
            checkUsable();
            if (handed == starts.length) {
                starts = Arrays.copyOf(starts, 2 * handed);
            }
            starts[handed++] = from;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkUsable() {
        if (failure != null) {
            throw new CollectiveException(
                    "rank " + collective.rank() + ": the reduce-scatter of the gradients on thread " + thread.getName()
                            + " failed: " + failure.getMessage(),
                    failure);
        }
        if (closed) {
            throw new IllegalStateException("the gradient reduce-scatter of rank " + collective.rank() + " is closed");
        }
    }

    private void loop() {
        while (true) {
            float[] g;
            int n;
            int from;
            int to;
            lock.lock();
            try {
                while (taken == handed && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                g = grads;
                n = length;
                to = reducedFrom;
                from = starts[taken++];
            } finally {
                lock.unlock();
            }
            Throwable error = null;
            try {
                collective.reduceScatterSum(g, 0, n, from, to);
            } catch (RuntimeException | Error e) {
                error = e; // handed to the training thread, which fails the run with it
            }
            lock.lock();
            try {
                if (error != null) {
                    failure = new CollectiveException(
                            "bucket [" + from + ", " + to + ") of " + n + " gradients: " + error.getMessage(), error);
                } else {
                    reducedFrom = from;
                }
                changed.signalAll();
                if (error != null) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Ends the thread, aborting an operation it is in; idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // After a normal run the thread is idle; after a failure it may be inside an operation,
        // which the interrupt aborts (closing its links, so the neighbours fail fast too).
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn(
                    "Thread {} is still inside a collective operation {} ms after close; it ends when the"
                            + " collective is closed",
                    thread.getName(),
                    CLOSE_WAIT_MILLIS);
        }
    }
}
