package io.sparknn.nn.layer;

import io.sparknn.backend.Backend;
import io.sparknn.backend.Convolution;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link Conv2DLayer}'s native convolutions from its backend (oneDNN on the mkl backend),
 * one per batch size seen, since native primitives are built for a fixed batch. They belong to
 * the layer, so to its {@link Network}, and are freed by {@link #close()} when the network
 * closes. A layer serves one thread and sees few sizes (the shard size, the last batch's,
 * evaluation's); at most {@link #MAX_SIZES} are kept, the least recently used one is closed to
 * make room. Where the backend has none, {@link #forBatch} returns null and the layer runs
 * im2col + GEMM.
 */
final class BackendConvolutions implements AutoCloseable {
    /** Batch sizes kept: training's two shard sizes (full and last batch) and evaluation's, with room to spare. */
    static final int MAX_SIZES = 4;

    private final ConvGeometry g;
    private final int filters;
    private final Backend backend;
    /** In access order, so the first entry is the least recently used size. */
    private final LinkedHashMap<Integer, Convolution> byBatch = new LinkedHashMap<>(8, 0.75f, true);

    private final float[] zeroBias;
    private final float[] unusedBiasGradient;

    BackendConvolutions(ConvGeometry g, int filters, boolean useBias, Backend backend) {
        this.g = g;
        this.filters = filters;
        this.backend = backend;
        // The native primitive always adds a bias; a layer without one passes zeros.
        this.zeroBias = useBias ? null : new float[filters];
        this.unusedBiasGradient = useBias ? null : new float[filters];
    }

    /** The backend's convolution for this batch size, or null to use im2col. */
    Convolution forBatch(int batch) {
        Integer key = batch;
        if (byBatch.containsKey(key)) {
            return byBatch.get(key);
        }
        // Bottom/right padding as the output size implies; never negative (valid padding with a stride
        // that does not divide the input just ignores the last rows, as oneDNN's own formula does).
        int bottom = Math.max(0, (g.outH() - 1) * g.strideH() + g.kh() - g.inH() - g.padTop());
        int right = Math.max(0, (g.outW() - 1) * g.strideW() + g.kw() - g.inW() - g.padLeft());
        if (byBatch.size() >= MAX_SIZES) {
            Iterator<Map.Entry<Integer, Convolution>> eldest =
                    byBatch.entrySet().iterator();
            close(eldest.next().getValue());
            eldest.remove();
        }
        Convolution conv = backend.convolution(
                batch, g.channels(), g.inH(), g.inW(), filters, g.kh(), g.kw(), g.strideH(), g.strideW(), new int[] {
                    g.padTop(), g.padLeft(), bottom, right
                });
        byBatch.put(key, conv);
        return conv;
    }

    /** The bias array to pass: the layer's parameters, or zeros for a layer without bias. */
    float[] bias(float[] params) {
        return zeroBias == null ? params : zeroBias;
    }

    /** Where the bias gradient goes: the layer's gradients, or a scratch array for a layer without bias. */
    float[] biasGradient(float[] grads) {
        return unusedBiasGradient == null ? grads : unusedBiasGradient;
    }

    /** Frees every primitive; a later {@link #forBatch} creates new ones. Idempotent. */
    @Override
    public void close() {
        for (Convolution c : byBatch.values()) {
            close(c);
        }
        byBatch.clear();
    }

    private static void close(Convolution c) {
        if (c != null) {
            c.close();
        }
    }
}
