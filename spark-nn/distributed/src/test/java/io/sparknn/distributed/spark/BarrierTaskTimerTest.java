package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After the swap, Spark's barrier task timer runs on a daemon thread, and the original
 * non-daemon thread has ended, so it cannot hold a local-mode JVM open. Spark 4 holds a pool of
 * daemon threads there instead, which starts its thread on first use; the test uses it once so
 * that the same checks apply on both Spark lines.
 */
class BarrierTaskTimerTest {
    @Test
    void theBarrierTimerThreadIsADaemonAfterTheSwap() throws InterruptedException {
        assertTrue(BarrierTaskTimer.makeDaemon(), "Spark's barrier timer field was not found or not a daemon");
        assertTrue(BarrierTaskTimer.makeDaemon(), "idempotent");
        startPoolThreadOnSpark4();
        List<Thread> nonDaemon = timerThreads(false);
        for (int i = 0; i < 100 && !nonDaemon.isEmpty(); i++) { // the cancelled thread ends asynchronously
            nonDaemon.get(0).join(100);
            nonDaemon = timerThreads(false);
        }
        assertEquals(List.of(), nonDaemon.stream().map(Thread::getName).collect(Collectors.toList()));
        assertEquals(1, timerThreads(true).size(), "one daemon timer thread named as Spark names it");
    }

    private static void startPoolThreadOnSpark4() throws InterruptedException {
        try {
            Class<?> companion = Class.forName(BarrierTaskTimer.COMPANION);
            Field field = companion.getDeclaredField(BarrierTaskTimer.FIELD);
            field.setAccessible(true);
            if (field.get(companion.getField("MODULE$").get(null)) instanceof ScheduledExecutorService pool) {
                pool.schedule(() -> {}, 0, TimeUnit.MILLISECONDS).get();
            }
        } catch (ReflectiveOperationException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("could not use Spark's barrier timer", e);
        }
    }

    private static List<Thread> timerThreads(boolean daemon) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(BarrierTaskTimer.THREAD_NAME) && t.isDaemon() == daemon)
                .collect(Collectors.toList());
    }
}
