package io.sparknn.nn.layer;

/** Growth of a layer's batch buffers: reallocated only when a larger batch arrives. */
public final class Buffers {
    private Buffers() {}

    public static float[] ensure(float[] buf, int size) {
        return buf != null && buf.length >= size ? buf : new float[size];
    }
}
