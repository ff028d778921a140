package io.sparknn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ThreadTeamTest {

    @Test
    void everyMemberRunsEveryPhaseAndBarriersOrderThem() {
        try (ThreadTeam team = new ThreadTeam(3, "test")) {
            int[] before = new int[3];
            AtomicIntegerArray seen = new AtomicIntegerArray(3);
            for (int phase = 0; phase < 500; phase++) {
                int p = phase;
                team.run(i -> {
                    before[i] = p;
                    team.barrier();
                    // After the barrier every member must see every other member's write.
                    for (int j = 0; j < 3; j++) {
                        if (before[j] != p) {
                            throw new AssertionError("member " + i + " saw stale value from " + j);
                        }
                    }
                    team.barrier();
                    seen.incrementAndGet(i);
                });
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(500, seen.get(i));
            }
        }
    }

    @Test
    void aFailureReleasesTheOthersAndIsRethrown() {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            try (ThreadTeam team = new ThreadTeam(3, "test")) {
                IllegalStateException e = assertThrows(
                        IllegalStateException.class,
                        () -> team.run(i -> {
                            if (i == 2) {
                                throw new IllegalStateException("member 2 broke");
                            }
                            team.barrier(); // would wait forever without failure propagation
                        }));
                assertEquals("member 2 broke", e.getMessage());
                int[] count = new int[1];
                team.run(i -> {
                    team.barrier();
                    if (i == 0) {
                        count[0]++;
                    }
                });
                assertEquals(1, count[0]);
            }
        });
    }
}
