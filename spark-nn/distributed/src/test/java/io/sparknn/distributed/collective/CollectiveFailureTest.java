package io.sparknn.distributed.collective;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.collective.Groups.Kind;
import io.sparknn.distributed.collective.Groups.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dead, stalled or disagreeing rank makes the others fail with a {@link CollectiveException}
 * within about the timeout, never hang. The bounds below only catch hangs; no timing is asserted.
 */
class CollectiveFailureTest {
    private static final Duration NO_HANG = Duration.ofSeconds(Groups.HANG_SECONDS);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRankThatClosesMidRunMakesTheOthersFail(Kind kind) {
        List<Collective> group = Groups.create(kind, 3, Groups.SHORT_TIMEOUT);
        try {
            List<Outcome<Integer>> outcomes = assertTimeoutPreemptively(
                    NO_HANG,
                    () -> Groups.outcomes(group, c -> {
                        float[] data = new float[1 << 20];
                        for (int it = 0; it < 10_000; it++) {
                            if (c.rank() == 2 && it == 3) {
                                c.close(); // dies while the others are inside (or entering) iteration 3
                                return it;
                            }
                            c.allReduceSum(data, 0, data.length);
                        }
                        return -1;
                    }));
            for (int r = 0; r < 2; r++) {
                CollectiveException e = assertInstanceOf(
                        CollectiveException.class, outcomes.get(r).error(), "rank " + r);
                assertTrue(
                        e.getMessage().contains("allReduceSum")
                                || e.getMessage().contains("closed"),
                        e.getMessage());
                // Broken for good: later calls fail at once, naming the first failure.
                CollectiveException again = assertThrows(
                        CollectiveException.class, () -> group.get(0).barrier());
                assertTrue(again.getMessage().contains("rank 0"), again.getMessage());
            }
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStalledRankMakesTheOthersTimeOut(Kind kind) {
        List<Collective> group = Groups.create(kind, 3, Groups.SHORT_TIMEOUT);
        try {
            List<Outcome<Void>> outcomes = assertTimeoutPreemptively(
                    NO_HANG,
                    () -> Groups.outcomes(group.subList(0, 2), c -> {
                        c.allReduceSum(new float[1000], 0, 1000); // rank 2 never calls
                        return null;
                    }));
            for (Outcome<Void> o : outcomes) {
                CollectiveException e = assertInstanceOf(CollectiveException.class, o.error());
                assertTrue(e.getMessage().contains("allReduceSum"), e.getMessage());
                assertTrue(
                        e.getMessage().contains("2000 ms")
                                || e.getMessage().contains("closed")
                                || e.getMessage().contains("broken"),
                        e.getMessage());
            }
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeFromAnotherThreadAbortsAWaitingOperation(Kind kind) throws Exception {
        // A timeout far beyond the hang bound: only close() can end the wait.
        List<Collective> group = Groups.create(kind, 2, Duration.ofSeconds(10 * Groups.HANG_SECONDS));
        try {
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                group.get(0).close();
            });
            closer.start();
            CollectiveException e = assertTimeoutPreemptively(
                    NO_HANG,
                    () -> assertThrows(
                            CollectiveException.class,
                            () -> group.get(0).allReduceSum(new float[100], 0, 100))); // rank 1 never calls
            closer.join();
            assertTrue(e.getMessage().contains("rank 0"), e.getMessage());
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anInterruptedRankFailsInsteadOfWaiting(Kind kind) {
        List<Collective> group = Groups.create(kind, 2, Duration.ofSeconds(10 * Groups.HANG_SECONDS));
        try {
            CollectiveException e = assertTimeoutPreemptively(NO_HANG, () -> {
                Thread.currentThread().interrupt(); // as Spark does when it kills a task
                try {
                    return assertThrows(
                            CollectiveException.class, () -> group.get(0).barrier());
                } finally {
                    Thread.interrupted();
                }
            });
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ranksCallingDifferentOperationsFailWithBothNamed(Kind kind) {
        List<Collective> group = Groups.create(kind, 2, Groups.SHORT_TIMEOUT);
        try {
            List<Outcome<Void>> outcomes = assertTimeoutPreemptively(
                    NO_HANG,
                    () -> Groups.outcomes(group, c -> {
                        float[] data = new float[12];
                        if (c.rank() == 0) {
                            c.allReduceSum(data, 0, 10);
                        } else {
                            c.allGather(data, 0, 12);
                        }
                        return null;
                    }));
            for (Outcome<Void> o : outcomes) {
                CollectiveException e = assertInstanceOf(CollectiveException.class, o.error());
                assertTrue(
                        e.getMessage().contains("same operations")
                                || e.getMessage().contains("broken")
                                || e.getMessage().contains("closed"),
                        e.getMessage());
            }
            String first = outcomes.get(0).error().getMessage()
                    + outcomes.get(1).error().getMessage();
            assertTrue(
                    first.contains("allReduceSum #1 (length 10)") && first.contains("allGather #1 (length 12)"), first);
        } finally {
            Groups.closeAll(group);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void callsAfterCloseFailAndCloseIsIdempotent(Kind kind) {
        List<Collective> group = Groups.create(kind, 2, Groups.SHORT_TIMEOUT);
        Groups.closeAll(group);
        Groups.closeAll(group);
        CollectiveException e =
                assertThrows(CollectiveException.class, () -> group.get(1).allReduceSum(new float[4], 0, 4));
        assertTrue(e.getMessage().contains("rank 1"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void badArgumentsAreRejectedBeforeAnyCommunication(Kind kind) {
        List<Collective> group = Groups.create(kind, 1);
        try {
            Collective c = group.get(0);
            assertThrows(IndexOutOfBoundsException.class, () -> c.allReduceSum(new float[4], 2, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> c.allGather(new float[4], -1, 1));
            assertThrows(NullPointerException.class, () -> c.reduceScatterSum(null, 0, 0));
            IllegalArgumentException tooMany = assertThrows(
                    IllegalArgumentException.class, () -> c.allReduceSum(new double[Collective.MAX_SMALL_VALUES + 1]));
            assertTrue(tooMany.getMessage().contains("allReduceSum(float[]"), tooMany.getMessage());
            c.allReduceSum(new float[4], 1, 3); // still usable
        } finally {
            Groups.closeAll(group);
        }
    }
}
