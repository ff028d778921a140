package io.sparknn.distributed.collective;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared state of an in-process group: what each member posted for the current operation,
 * and a breakable, timed barrier. Once broken (a member timed out, closed or disagreed), every
 * waiting and every later call fails with the first reason.
 */
final class InProcessGroup {

    /** What one member passed to the current operation. */
    record Posted(Operation op, int seq, Object data, int offset, int length) {
        String describe() {
            return op.describe(seq, length);
        }
    }

    final int size;
    final Duration timeout;
    private final Posted[] posted;
    private final boolean[] arrived;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private int arrivedCount;
    private long generation;
    private String brokenReason;

    InProcessGroup(int size, Duration timeout) {
        this.size = size;
        this.timeout = timeout;
        this.posted = new Posted[size];
        this.arrived = new boolean[size];
    }

    void post(int rank, Posted p) {
        lock.lock();
        try {
            throwIfBroken(rank);
            posted[rank] = p;
        } finally {
            lock.unlock();
        }
    }

    Posted posted(int rank) {
        lock.lock();
        try {
            return posted[rank];
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every member has arrived; the lock gives the needed happens-before edges. */
    void await(int rank, String during) {
        lock.lock();
        try {
            throwIfBroken(rank);
            long gen = generation;
            arrived[rank] = true;
            if (++arrivedCount == size) {
                arrivedCount = 0;
                Arrays.fill(arrived, false);
                generation++;
                advanced.signalAll();
                return;
            }
            long remaining = timeout.toNanos();
            while (gen == generation && brokenReason == null) {
                if (remaining <= 0) {
                    breakGroup("rank " + rank + " waited " + timeout.toMillis() + " ms in " + during
                            + " but ranks " + missing() + " never arrived: a member thread died, stopped"
                            + " calling the collective, or called a different operation");
                    break;
                }
                try {
                    remaining = advanced.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    breakGroup("rank " + rank + " was interrupted in " + during);
                }
            }
            if (gen == generation) {
                throwIfBroken(rank);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks the group unusable and wakes every waiting member; the first reason wins. */
    void breakGroup(String reason) {
        lock.lock();
        try {
            if (brokenReason == null) {
                brokenReason = reason;
            }
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private List<Integer> missing() {
        List<Integer> missing = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            if (!arrived[r]) {
                missing.add(r);
            }
        }
        return missing;
    }

    private void throwIfBroken(int rank) {
        if (brokenReason != null) {
            throw new CollectiveException(
                    "in-process collective (rank " + rank + " of " + size + ") is broken: " + brokenReason);
        }
    }
}
