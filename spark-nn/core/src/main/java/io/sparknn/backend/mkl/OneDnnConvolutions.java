package io.sparknn.backend.mkl;

import io.sparknn.backend.BackendException;
import io.sparknn.backend.Convolution;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oneDNN convolutions of one {@link MklBackend}: decides once whether oneDNN may be used,
 * creates the primitives and counts the live ones. Each primitive belongs to the caller that
 * asked for it (a network's layer) and is freed when that owner closes it; the set only frees
 * what is still open when the backend closes, and {@link #live()} lets tests and the soak
 * benchmark check that owners do close theirs.
 *
 * <p>oneDNN is used only when its OpenMP team fits in the backend's thread budget
 * ({@link OneDnnConvolution#openMpThreads()} &le; threads per call). The JavaCPP preset cannot
 * set that team's size, and the local trainer calls the backend from one thread per shard with
 * one thread per call, so with the OpenMP default (one thread per core) every shard would start
 * a full team and oversubscribe the cores. Then the layers keep im2col + MKL GEMM and one INFO
 * line says how to enable oneDNN ({@code OMP_NUM_THREADS=1}). The same decision sends the
 * backend's matrix products to oneDNN's sgemm ({@link MklBackend}). {@code -Dsparknn.onednn=false}
 * turns it off, e.g. to measure MKL's GEMM and im2col in the same environment.
 */
final class OneDnnConvolutions implements AutoCloseable {
    /** System property: {@code false} keeps MKL's GEMM and im2col even where oneDNN could run. */
    static final String PROPERTY = "sparknn.onednn";
    /**
     * Larger batches (inference, evaluation) use im2col: oneDNN's primitives hold the whole
     * batch's input, output and gradients natively, in both layouts: about 180 MB for the first
     * seed-004 convolution at batch 256. Training shards are far smaller.
     */
    static final int MAX_BATCH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(OneDnnConvolutions.class);

    private final boolean enabled;
    private final Set<OneDnnConvolution> live = ConcurrentHashMap.newKeySet();
    private boolean closed;

    OneDnnConvolutions(int threadsPerCall) {
        this.enabled = decide(threadsPerCall);
    }

    private static boolean decide(int threadsPerCall) {
        String flag = System.getProperty(PROPERTY, "true").trim();
        if (!flag.equals("true") && !flag.equals("false")) {
            throw new BackendException("-D" + PROPERTY + "=" + flag + " is not true or false. Use false to keep "
                    + "GEMM and convolutions on MKL (im2col), true (the default) to use oneDNN where it fits.");
        }
        if (flag.equals("false")) {
            return false;
        }
        int omp = OneDnnConvolution.openMpThreads();
        if (omp > threadsPerCall) {
            LOG.info(
                    "GEMM and convolutions use MKL (im2col), not oneDNN: oneDNN would start {} OpenMP threads per call "
                            + "but the backend may use {}. Set OMP_NUM_THREADS={} in the environment to use oneDNN.",
                    omp,
                    threadsPerCall,
                    threadsPerCall);
            return false;
        }
        try {
            OneDnnConvolution.load();
            return true;
        } catch (BackendException e) {
            LOG.warn("GEMM and convolutions use MKL (im2col): {}", e.getMessage());
            return false;
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** A new convolution owned by the caller, or null when oneDNN is not used for it. */
    Convolution create(
            int batch,
            int channels,
            int height,
            int width,
            int filters,
            int kh,
            int kw,
            int strideH,
            int strideW,
            int[] pad) {
        if (!enabled || batch > MAX_BATCH) {
            return null;
        }
        OneDnnConvolution conv =
                new OneDnnConvolution(batch, channels, height, width, filters, kh, kw, strideH, strideW, pad);
        synchronized (live) {
            if (closed) {
                conv.close();
                throw new BackendException("The mkl backend was closed; create a new one.");
            }
            live.add(conv);
        }
        conv.onClose(() -> live.remove(conv));
        return conv;
    }

    /** Convolutions handed out and not closed yet. */
    int live() {
        return live.size();
    }

    /** Frees the convolutions whose owners did not close them. */
    @Override
    public void close() {
        List<OneDnnConvolution> open;
        synchronized (live) {
            closed = true;
            open = List.copyOf(live);
        }
        for (OneDnnConvolution c : open) {
            c.close();
        }
    }
}
