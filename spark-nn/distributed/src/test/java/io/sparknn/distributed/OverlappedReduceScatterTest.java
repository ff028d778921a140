package io.sparknn.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.CollectiveException;
import io.sparknn.distributed.collective.InProcessCollective;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The communication thread's life cycle: poisoning, a killed task, closing. */
class OverlappedReduceScatterTest {

    @Test
    void aNonFiniteLossPoisonsEveryGradientBeforeItIsSent() {
        List<Collective> group = InProcessCollective.group(1);
        float[] grads = new float[10];
        Arrays.fill(grads, 1f);
        try (OverlappedReduceScatter overlap = new OverlappedReduceScatter(group.get(0), 1)) {
            overlap.begin(grads);
            overlap.gradientsFinalFrom(6, Double.POSITIVE_INFINITY);
            overlap.gradientsFinalFrom(0, Double.POSITIVE_INFINITY);
            overlap.awaitReduced();
        } finally {
            group.get(0).close();
        }
        float[] nan = new float[10];
        Arrays.fill(nan, Float.NaN);
        assertArrayEquals(nan, grads);
    }

    /**
     * Spark kills a task by interrupting it: a training thread waiting for the reduce-scatter
     * must stop waiting, and closing must abort the thread's operation instead of leaving it.
     */
    @Test
    void anInterruptedWaitFailsAndCloseEndsTheThreadInsideAnOperation() throws InterruptedException {
        List<Collective> group = InProcessCollective.group(2, Duration.ofSeconds(60));
        OverlappedReduceScatter overlap = new OverlappedReduceScatter(group.get(0), 1);
        try {
            overlap.begin(new float[100]);
            overlap.gradientsFinalFrom(0, 0); // rank 1 never joins: the thread waits inside the operation
            Thread.currentThread().interrupt();
            CollectiveException e = assertThrows(CollectiveException.class, overlap::awaitReduced);
            assertTrue(Thread.interrupted(), "the interrupt stays set for the caller");
            assertEquals(
                    "rank 0 was interrupted while waiting for the reduce-scatter of the gradients (the task was"
                            + " probably killed)",
                    e.getMessage());
        } finally {
            overlap.close();
            group.get(0).close();
            group.get(1).close();
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("sparknn-reduce-scatter-rank-0")) {
                t.join(10_000);
                assertFalse(t.isAlive(), "close must end a thread that is inside an operation");
            }
        }
    }
}
