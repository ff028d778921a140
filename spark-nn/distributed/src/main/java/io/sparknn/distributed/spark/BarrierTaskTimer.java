package io.sparknn.distributed.spark;

import java.lang.reflect.Field;
import java.util.Timer;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a local-mode JVM exit after a fit. Spark 3.5's {@code BarrierTaskContext} companion
 * object holds {@code new Timer("Barrier task timer for barrier() calls.")}: a non-daemon thread,
 * started when the first barrier task runs in the JVM and never cancelled, which only logs a
 * line per minute while a task waits in {@code barrier()}. On a cluster the executor JVM exits
 * by itself, but in local mode the tasks run in the driver, so that thread keeps a user's
 * {@code main} from ever returning control to the OS after its session has stopped.
 *
 * <p>Spark has no API to stop it ({@code SparkContext.stop()} leaves it running), so before the first barrier stage of a local-mode driver this swaps the companion's
 * timer for a daemon one with the same name and cancels the original, which has no tasks yet.
 * The timer keeps its job: {@code barrier()} schedules its progress line on the new one. The
 * swap happens once per JVM. Spark 4 already holds a scheduled pool of daemon threads there, which
 * is checked and left alone. If Spark's internals differ (another Spark version), nothing is
 * changed and one WARN line says that such an application must end with {@code System.exit}.
 */
final class BarrierTaskTimer {
    private static final Logger LOG = LoggerFactory.getLogger(BarrierTaskTimer.class);
    static final String COMPANION = "org.apache.spark.BarrierTaskContext$";
    /** The Scala name of the companion's {@code private val timer}. */
    static final String FIELD = "org$apache$spark$BarrierTaskContext$$timer";

    static final String THREAD_NAME = "Barrier task timer for barrier() calls.";

    private static boolean swapped;

    private BarrierTaskTimer() {}

    /** Makes the barrier timer a daemon thread when the tasks of {@code sc} run in this JVM. */
    static void makeDaemonIfLocal(SparkContext sc) {
        if (sc.isLocal()) {
            makeDaemon();
        }
    }

    /** Swaps in a daemon timer, once per JVM; true when the timer is a daemon afterwards. */
    static synchronized boolean makeDaemon() {
        if (swapped) {
            return true;
        }
        try {
            Class<?> companion = Class.forName(COMPANION);
            Object module = companion.getField("MODULE$").get(null); // creates the timer if no task did yet
            Field field = companion.getDeclaredField(FIELD);
            field.setAccessible(true);
            Object timer = field.get(module);
            if (timer instanceof ScheduledThreadPoolExecutor pool) {
                // Spark 4: threads are made when a barrier task first waits; ask the factory what they are.
                if (!pool.getThreadFactory().newThread(() -> {}).isDaemon()) {
                    throw new IllegalStateException("Spark's barrier timer pool makes non-daemon threads");
                }
                swapped = true;
                return true;
            }
            Timer original = (Timer) timer;
            field.set(module, new Timer(THREAD_NAME, true));
            original.cancel();
            swapped = true;
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn(
                    "Could not make Spark's '{}' thread a daemon ({}). In local mode it keeps the JVM alive "
                            + "after the fit: end the application with System.exit.",
                    THREAD_NAME,
                    e.toString());
            return false;
        }
    }
}
