package io.sparknn.distributed.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The slicing every rank, the sharded optimizer and both implementations rely on. */
class SlicingTest {

    @Test
    void slicesAreContiguousBalancedAndCoverTheArray() {
        for (int size = 1; size <= 7; size++) {
            for (int length : new int[] {0, 1, 2, 5, 6, 7, 100, 1_000_003, Integer.MAX_VALUE}) {
                assertEquals(0, Collective.sliceStart(0, size, length));
                assertEquals(length, Collective.sliceEnd(size - 1, size, length));
                for (int r = 0; r < size; r++) {
                    int start = Collective.sliceStart(r, size, length);
                    int end = Collective.sliceEnd(r, size, length);
                    assertEquals(length * (long) r / size, start, "no int overflow");
                    assertTrue(
                            end - start >= length / size && end - start <= length / size + 1L,
                            "balanced: slice " + r + " of " + size + " for " + length);
                    if (r > 0) {
                        assertEquals(Collective.sliceEnd(r - 1, size, length), start, "contiguous");
                    }
                }
            }
        }
    }

    @Test
    void shorterThanTheGroupLeavesSomeSlicesEmpty() {
        // length 2 over 4 ranks: slices [0,0) [0,1) [1,1) [1,2)
        int[][] expected = {{0, 0}, {0, 1}, {1, 1}, {1, 2}};
        for (int r = 0; r < 4; r++) {
            assertEquals(expected[r][0], Collective.sliceStart(r, 4, 2));
            assertEquals(expected[r][1], Collective.sliceEnd(r, 4, 2));
        }
        Collective member = InProcessCollective.group(4).get(1);
        assertEquals(0, member.sliceStart(1, 2));
        assertEquals(1, member.sliceEnd(1, 2));
    }
}
