package io.sparknn.distributed.collective;

import static io.sparknn.distributed.collective.Reference.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.distributed.collective.Groups.Kind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reducing an array window by window, last window first as a backward pass produces gradients,
 * must leave every rank's own slice with the same bits as one reduce-scatter of the whole array:
 * windows are cut along the slices of the whole array, so no element changes owner or order.
 */
class WindowedReduceScatterTest {
    /** Window starts, descending; they cut slices, fall on slice bounds, and leave one window empty. */
    private static final int[] STARTS = {9_001, 6_667, 6_667, 3_333, 1_000, 17, 0};

    @ParameterizedTest(name = "{0}, size {1}")
    @CsvSource({"IN_PROCESS, 2", "IN_PROCESS, 3", "TCP, 2", "TCP, 3", "TCP_ENCRYPTED, 3"})
    void windowsGiveTheBitsOfOneWholeReduceScatter(Kind kind, int size) {
        int length = 10_000;
        float[][] in = Reference.inputs(77L * size, size, length);
        float[][] whole = Reference.copy(in);
        float[][] windowed = Reference.copy(in);
        List<Collective> group = Groups.create(kind, size);
        try {
            Groups.onEveryRank(group, c -> {
                c.reduceScatterSum(whole[c.rank()], 0, length);
                float[] d = windowed[c.rank()];
                int to = length;
                for (int from : STARTS) {
                    c.reduceScatterSum(d, 0, length, from, to);
                    to = from;
                }
                return null;
            });
        } finally {
            Groups.closeAll(group);
        }
        for (int r = 0; r < size; r++) {
            int from = Collective.sliceStart(r, size, length);
            int to = Collective.sliceEnd(r, size, length);
            assertBitsEqual(
                    Arrays.copyOfRange(whole[r], from, to),
                    Arrays.copyOfRange(windowed[r], from, to),
                    kind + " rank " + r + ": own slice after windows vs after one call");
        }
    }

    @Test
    void aWindowOutsideTheRangeIsRejectedWithItsBounds() {
        List<Collective> group = Groups.create(Kind.IN_PROCESS, 1);
        try {
            IndexOutOfBoundsException e = assertThrows(
                    IndexOutOfBoundsException.class, () -> group.get(0).reduceScatterSum(new float[10], 0, 10, 4, 11));
            assertTrue(e.getMessage().contains("window [4, 11) is not inside the range [0, 10)"), e.getMessage());
        } finally {
            Groups.closeAll(group);
        }
    }
}
