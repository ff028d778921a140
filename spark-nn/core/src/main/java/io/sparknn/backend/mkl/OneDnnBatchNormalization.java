package io.sparknn.backend.mkl;

import io.sparknn.backend.BackendException;
import java.util.Arrays;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;

/**
 * Batch normalization of NCHW images (f32, fixed batch and shape) in training mode with
 * oneDNN's batch_normalization_forward (batch statistics, scale and shift) and
 * batch_normalization_backward (input, scale and shift gradients) primitives. Used by
 * {@code bench bn}; the engine's {@code BatchNormalizationLayer} stays on Java loops.
 *
 * <p>Data stays in plain NCHW: the primitive is memory bound, so reorders to a blocked layout and
 * back would cost about as much as the normalization. Like oneDNN, the variance is the biased
 * (population) one, as in the engine. Every native object lives in one {@link NativeArena}
 * released by {@link #close()}. Not thread-safe: one instance per calling thread.
 */
public final class OneDnnBatchNormalization implements AutoCloseable {
    private final NativeArena arena;
    private final stream strm;
    private final OneDnnTensor x;
    private final OneDnnTensor gamma;
    private final OneDnnTensor beta;
    private final OneDnnTensor y;
    private final OneDnnTensor dy;
    private final OneDnnTensor dx;
    private final OneDnnTensor dGamma;
    private final OneDnnTensor dBeta;
    private final primitive forward;
    private final primitive backward;
    private final IntMemoryMap forwardArgs;
    private final IntMemoryMap backwardArgs;
    private final String implementation;
    private boolean closed;

    /** @throws BackendException if oneDNN cannot be loaded or rejects the shape */
    public OneDnnBatchNormalization(int batch, int channels, int height, int width, float epsilon) {
        OneDnnConvolution.load();
        long[] data = {batch, channels, height, width};
        long[] perChannel = {channels};
        int flags = dnnl.dnnl_use_scale | dnnl.dnnl_use_shift;
        arena = new NativeArena();
        try {
            engine eng = new engine(engine.kind.cpu, 0);
            strm = new stream(eng);
            memory.desc plain = OneDnnTensor.plain(data);
            batch_normalization_forward.primitive_desc fpd = new batch_normalization_forward.primitive_desc(
                    eng, dnnl.dnnl_forward_training, plain, plain, epsilon, flags);
            batch_normalization_backward.primitive_desc bpd = new batch_normalization_backward.primitive_desc(
                    eng, dnnl.dnnl_backward, plain, plain, plain, epsilon, flags, fpd);
            x = new OneDnnTensor(eng, data, fpd.src_desc());
            y = new OneDnnTensor(eng, data, fpd.dst_desc());
            gamma = new OneDnnTensor(eng, perChannel, OneDnnTensor.plain(perChannel));
            beta = new OneDnnTensor(eng, perChannel, OneDnnTensor.plain(perChannel));
            dy = new OneDnnTensor(eng, data, bpd.diff_dst_desc());
            dx = new OneDnnTensor(eng, data, bpd.diff_src_desc());
            dGamma = new OneDnnTensor(eng, perChannel, OneDnnTensor.plain(perChannel));
            dBeta = new OneDnnTensor(eng, perChannel, OneDnnTensor.plain(perChannel));
            // The batch statistics: outputs of forward training, inputs of backward.
            memory mean = new memory(fpd.mean_desc(), eng);
            memory variance = new memory(fpd.variance_desc(), eng);
            forward = new batch_normalization_forward(fpd);
            backward = new batch_normalization_backward(bpd);
            forwardArgs = new IntMemoryMap()
                    .put(dnnl.DNNL_ARG_SRC, x.inner())
                    .put(dnnl.DNNL_ARG_DST, y.inner())
                    .put(dnnl.DNNL_ARG_SCALE, gamma.inner())
                    .put(dnnl.DNNL_ARG_SHIFT, beta.inner())
                    .put(dnnl.DNNL_ARG_MEAN, mean)
                    .put(dnnl.DNNL_ARG_VARIANCE, variance);
            backwardArgs = new IntMemoryMap()
                    .put(dnnl.DNNL_ARG_SRC, x.inner())
                    .put(dnnl.DNNL_ARG_DIFF_DST, dy.inner())
                    .put(dnnl.DNNL_ARG_SCALE, gamma.inner())
                    .put(dnnl.DNNL_ARG_MEAN, mean)
                    .put(dnnl.DNNL_ARG_VARIANCE, variance)
                    .put(dnnl.DNNL_ARG_DIFF_SRC, dx.inner())
                    .put(dnnl.DNNL_ARG_DIFF_SCALE, dGamma.inner())
                    .put(dnnl.DNNL_ARG_DIFF_SHIFT, dBeta.inner());
            implementation =
                    fpd.impl_info_str().getString() + "/" + bpd.impl_info_str().getString();
        } catch (RuntimeException e) {
            arena.close();
            throw new BackendException(
                    "oneDNN rejected the batch normalization of " + Arrays.toString(data) + " (epsilon " + epsilon
                            + "): " + e.getMessage(),
                    e);
        } finally {
            arena.seal();
        }
    }

    /** The implementations oneDNN chose for forward / backward, e.g. {@code bnorm_jit:avx512_core}. */
    public String implementation() {
        return implementation;
    }

    /** y = gamma * (x - mean) / sqrt(var + epsilon) + beta with the batch's mean and variance per channel. */
    public void forward(float[] xs, int xOff, float[] gammas, int gOff, float[] betas, int bOff, float[] ys, int yOff) {
        checkOpen();
        x.load(xs, xOff, strm);
        gamma.load(gammas, gOff, strm);
        beta.load(betas, bOff, strm);
        forward.execute(strm, forwardArgs);
        y.store(ys, yOff, strm);
    }

    /** dx, dgamma and dbeta (overwritten) of the last {@link #forward}. */
    public void backward(
            float[] dys, int dyOff, float[] dxs, int dxOff, float[] dGammas, int dgOff, float[] dBetas, int dbOff) {
        checkOpen();
        dy.load(dys, dyOff, strm);
        backward.execute(strm, backwardArgs);
        dx.store(dxs, dxOff, strm);
        dGamma.store(dGammas, dgOff, strm);
        dBeta.store(dBetas, dbOff, strm);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This OneDnnBatchNormalization is closed; create a new one.");
        }
    }

    /** Frees every native object of this batch normalization. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
