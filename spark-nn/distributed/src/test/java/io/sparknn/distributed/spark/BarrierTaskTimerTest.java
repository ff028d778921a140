package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After the swap, Spark's barrier task timer runs on a daemon thread, and the original
 * non-daemon thread has ended, so it cannot hold a local-mode JVM open.
 */
class BarrierTaskTimerTest {
    @Test
    void theBarrierTimerThreadIsADaemonAfterTheSwap() throws InterruptedException {
        assertTrue(BarrierTaskTimer.makeDaemon(), "the Spark 3.5 companion field was not found");
        assertTrue(BarrierTaskTimer.makeDaemon(), "idempotent");
        List<Thread> nonDaemon = timerThreads(false);
        for (int i = 0; i < 100 && !nonDaemon.isEmpty(); i++) { // the cancelled thread ends asynchronously
            nonDaemon.get(0).join(100);
            nonDaemon = timerThreads(false);
        }
        assertEquals(List.of(), nonDaemon.stream().map(Thread::getName).collect(Collectors.toList()));
        assertEquals(1, timerThreads(true).size(), "one daemon timer thread named as Spark names it");
    }

    private static List<Thread> timerThreads(boolean daemon) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(BarrierTaskTimer.THREAD_NAME) && t.isDaemon() == daemon)
                .collect(Collectors.toList());
    }
}
