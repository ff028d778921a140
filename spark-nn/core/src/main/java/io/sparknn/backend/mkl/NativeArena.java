package io.sparknn.backend.mkl;

import org.bytedeco.javacpp.PointerScope;

/**
 * The native objects of one oneDNN primitive set, freed together by {@link #close()}.
 *
 * <p>JavaCPP attaches every new {@code Pointer} to the innermost {@link PointerScope} open on the
 * creating thread, and a scope stays on that thread's stack until it is closed there. A scope
 * kept open for the owner's lifetime (as the primitives once did) therefore also captured every
 * pointer the thread created later, for other owners, and stayed on the stack of a Spark task
 * thread long after its owner was closed from elsewhere. So the arena collects only while its
 * owner is being built: {@link #seal()} takes it off the thread's stack and keeps what it
 * collected, and {@link #close()} frees that from any thread.
 */
final class NativeArena implements AutoCloseable {
    private final PointerScope scope = new PointerScope();
    private boolean sealed;
    private boolean closed;

    /**
     * Stops collecting: pointers this thread creates from now on are not attached. Must run on
     * the thread that opened the arena, in a {@code finally} after the owner's construction.
     */
    void seal() {
        if (!sealed) {
            sealed = true;
            // An extended scope's close() only removes it from this thread's stack; the attached
            // pointers stay attached until deallocate().
            scope.extend();
            scope.close();
        }
    }

    /** Frees every native object collected. Idempotent; any thread. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scope.deallocate();
        }
    }
}
