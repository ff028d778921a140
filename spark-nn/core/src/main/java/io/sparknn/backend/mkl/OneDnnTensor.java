package io.sparknn.backend.mkl;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One argument of a oneDNN primitive: a native buffer in the engine's plain layout (NCHW,
 * OIHW or a vector), which Java arrays are copied into and out of, and the memory in the layout
 * the primitive asked for (often blocked, e.g. {@code nChw16c}), with the reorders between
 * them. When the primitive takes the plain layout, both are the same memory and nothing is
 * reordered.
 *
 * <p>Created inside the owner's {@link NativeArena}, which frees it.
 */
final class OneDnnTensor {
    private final long[] dims;
    private final int size;
    private final FloatPointer user;
    private final memory userMemory;
    private final memory inner;
    private final reorder toInner;
    private final reorder toUser;

    OneDnnTensor(engine eng, long[] dims, memory.desc wanted) {
        this(eng, dims, new FloatPointer(count(dims)), null, wanted);
    }

    private OneDnnTensor(engine eng, long[] dims, FloatPointer user, memory userMemory, memory.desc wanted) {
        this.dims = dims;
        this.size = count(dims);
        this.user = user;
        this.userMemory = userMemory != null ? userMemory : new memory(plain(dims), eng, user);
        if (wanted.equals(this.userMemory.get_desc())) {
            inner = this.userMemory;
            toInner = null;
            toUser = null;
        } else {
            inner = new memory(wanted, eng);
            toInner = new reorder(this.userMemory, inner);
            toUser = new reorder(inner, this.userMemory);
        }
    }

    /** The same values for another primitive: this memory if it wants the same layout, else a reordered copy. */
    OneDnnTensor sharing(engine eng, memory.desc wanted) {
        if (wanted.equals(inner.get_desc())) {
            return new OneDnnTensor(this);
        }
        return new OneDnnTensor(eng, dims, user, userMemory, wanted);
    }

    /** A view that shares {@code other}'s memories and never reorders ({@link #refresh} is a no-op). */
    private OneDnnTensor(OneDnnTensor other) {
        this.dims = other.dims;
        this.size = other.size;
        this.user = other.user;
        this.userMemory = other.userMemory;
        this.inner = other.inner;
        this.toInner = null;
        this.toUser = other.toUser;
    }

    /** Memory descriptor with the layout left to the primitive. */
    static memory.desc any(long[] dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
    }

    /** Memory descriptor of a dense row-major array: NCHW / OIHW for 4-D, a vector for 1-D. */
    static memory.desc plain(long[] dims) {
        memory.format_tag tag = switch (dims.length) {
            case 1 -> memory.format_tag.x;
            case 4 -> memory.format_tag.nchw;
            default -> throw new IllegalArgumentException("Only 1-D and 4-D tensors are used, got rank " + dims.length);
        };
        return new memory.desc(dims, memory.data_type.f32, tag);
    }

    memory inner() {
        return inner;
    }

    /** Copies {@code size} values from {@code a[off..]} in and reorders them for the primitive. */
    void load(float[] a, int off, stream s) {
        user.put(a, off, size);
        refresh(s);
    }

    /** Reorders the plain buffer (already loaded through another view) for this primitive. */
    void refresh(stream s) {
        if (toInner != null) {
            toInner.execute(s, userMemory, inner);
            s._wait();
        }
    }

    /** Reorders the primitive's result to the plain layout and copies it to {@code a[off..]}. */
    void store(float[] a, int off, stream s) {
        if (toUser != null) {
            toUser.execute(s, inner, userMemory);
        }
        s._wait();
        user.get(a, off, size);
    }

    private static int count(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Tensor of " + n + " floats is too large for one Java array");
        }
        return (int) n;
    }
}
