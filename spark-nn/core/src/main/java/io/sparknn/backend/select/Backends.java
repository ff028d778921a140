package io.sparknn.backend.select;

import io.sparknn.backend.Backend;
import io.sparknn.backend.BackendException;
import io.sparknn.backend.JavaBackend;
import io.sparknn.backend.mkl.MklBackend;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the backend: {@code -Dsparknn.backend=mkl|java|auto} (default {@code auto}) tries MKL
 * and falls back to Java with one WARN line. The process-wide default is created once, logged
 * once, and lives as long as the JVM.
 *
 * <p>Threads: the default backend runs each call on the calling thread. Parallelism comes from
 * running independent shards of a batch on {@code -Dsparknn.threads=N} threads (default: the
 * available processors; see {@code DataParallelStep}) and, in Spark, from tasks; one level of
 * parallelism only, so cores are never oversubscribed.
 */
public final class Backends {
    public static final String BACKEND_PROPERTY = "sparknn.backend";
    public static final String THREADS_PROPERTY = "sparknn.threads";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static volatile Backend defaultBackend;

    private Backends() {}

    /** The process-wide backend chosen by the system properties. */
    public static Backend getDefault() {
        Backend b = defaultBackend;
        if (b == null) {
            synchronized (Backends.class) {
                b = defaultBackend;
                if (b == null) {
                    b = create(System.getProperty(BACKEND_PROPERTY, "auto"), 1);
                    LOG.info(
                            "spark-nn backend: {} ({}), {} thread(s) per call; {} math thread(s) per worker (-D{})",
                            b.name(),
                            b.version(),
                            b.threads(),
                            defaultThreads(),
                            THREADS_PROPERTY);
                    defaultBackend = b;
                }
            }
        }
        return b;
    }

    /** Math threads per worker: {@code -Dsparknn.threads}, else the number of available processors. */
    public static int defaultThreads() {
        String s = System.getProperty(THREADS_PROPERTY);
        if (s == null || s.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int t = Integer.parseInt(s.trim());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new BackendException("-D" + THREADS_PROPERTY + "=" + s + " is not a positive integer. "
                + "Set it to the number of math threads per worker, e.g. -D" + THREADS_PROPERTY + "=2.");
    }

    /**
     * A new backend owned by the caller (close it). {@code name} is {@code mkl}, {@code java} or
     * {@code auto}; anything else is an error naming the accepted values.
     */
    public static Backend create(String name, int threads) {
        if (threads < 1) {
            throw new BackendException("threads must be >= 1, got " + threads);
        }
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "java":
                return new JavaBackend(threads);
            case "mkl":
                return MklBackend.create(threads);
            case "auto":
                try {
                    return MklBackend.create(threads);
                } catch (BackendException e) {
                    LOG.warn(
                            "MKL is not available ({}); falling back to the pure-Java backend, which is "
                                    + "several times slower. Set -D{}=java to silence this warning.",
                            e.getMessage(),
                            BACKEND_PROPERTY);
                    return new JavaBackend(threads);
                }
            default:
                throw new BackendException(
                        "Unknown backend '" + name + "' in -D" + BACKEND_PROPERTY + ". Use one of: mkl, java, auto.");
        }
    }
}
