package io.sparknn.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that run one task on every member at once (member 0 is the caller),
 * with a barrier the members can meet at inside the task. A training step is a few such phases
 * of about a millisecond each, so hand-offs spin briefly before parking: waking a parked thread
 * costs tens of microseconds, which executors and cyclic barriers pay on every phase.
 *
 * <p>If a member throws, the members waiting at a barrier are released with an exception and
 * {@link #run} rethrows the first failure. Not reentrant; one caller at a time.
 */
public final class ThreadTeam implements AutoCloseable {
    /** Spin iterations before a waiting thread yields, then parks (~20-50 us of spinning). */
    private static final int SPINS = 20_000;

    private final int size;
    private final Thread[] members;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile long generation;
    private volatile long barrierPhase;
    private volatile IntConsumer task;
    private volatile Throwable failure;
    private volatile boolean closed;

    public ThreadTeam(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("A thread team needs at least 1 member, got " + size);
        }
        this.size = size;
        this.members = new Thread[size];
        for (int i = 1; i < size; i++) {
            int id = i;
            Thread t = new Thread(() -> memberLoop(id), name + "-" + i);
            t.setDaemon(true);
            members[i] = t;
            t.start();
        }
    }

    public int size() {
        return size;
    }

    /** Runs {@code task.accept(i)} on member i for every i, and returns when all are done. */
    public void run(IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("The thread team was closed");
        }
        if (size == 1) {
            task.accept(0);
            return;
        }
        this.task = task;
        this.failure = null;
        remaining.set(size - 1);
        generation++; // volatile write: publishes task and resets to the members
        for (int i = 1; i < size; i++) {
            LockSupport.unpark(members[i]);
        }
        try {
            task.accept(0);
        } catch (Throwable t) {
            fail(t);
        }
        int spins = 0;
        while (remaining.get() > 0) {
            spins = pause(spins);
        }
        Throwable f = failure;
        if (f != null) {
            arrived.set(0);
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("A team member failed: " + f, f);
        }
    }

    /** Waits inside a task until every member has reached this barrier. */
    public void barrier() {
        if (size == 1) {
            return;
        }
        long phase = barrierPhase;
        if (arrived.incrementAndGet() == size) {
            arrived.set(0);
            barrierPhase = phase + 1;
            return;
        }
        int spins = 0;
        while (barrierPhase == phase) {
            if (failure != null) {
                throw new IllegalStateException("Another member of the thread team failed", failure);
            }
            spins = pause(spins);
        }
    }

    private void memberLoop(int id) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                    spins++;
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.accept(id);
            } catch (Throwable t) {
                fail(t);
            } finally {
                remaining.decrementAndGet();
            }
        }
    }

    private void fail(Throwable t) {
        synchronized (this) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    private static int pause(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
        } else if (spins < 2 * SPINS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(20_000);
        }
        return spins + 1;
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 1; i < size; i++) {
            LockSupport.unpark(members[i]);
        }
    }
}
