package io.sparknn.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.LabeledSamples;
import org.junit.jupiter.api.Test;

class TokenOrderTaskTest {

    @Test
    void eachSequenceHasBothMarkersOnceThenPaddingAndTheLabelIsTheirOrder() {
        int time = 30;
        LabeledSamples d = TokenOrderTask.generate(2000, 50, time, 10, 7);
        assertEquals(2000, d.size());
        float[] x = d.features();
        int ones = 0;
        int[] lengthsSeen = new int[time + 1];
        for (int s = 0; s < d.size(); s++) {
            int first = -1;
            int second = -1;
            int len = 0;
            for (int t = 0; t < time; t++) {
                int id = (int) x[s * time + t];
                assertTrue(id >= 0 && id < 50);
                if (id == TokenOrderTask.FIRST_MARKER) {
                    assertEquals(-1, first, "one first marker in sample " + s);
                    first = t;
                } else if (id == TokenOrderTask.SECOND_MARKER) {
                    assertEquals(-1, second, "one second marker in sample " + s);
                    second = t;
                }
                if (id != TokenOrderTask.PADDING) {
                    assertEquals(len, t, "padding only at the end of sample " + s);
                    len = t + 1;
                }
            }
            assertTrue(first >= 0 && second >= 0, "both markers in sample " + s);
            assertEquals(first < second ? 1f : 0f, d.labels()[s]);
            ones += (int) d.labels()[s];
            lengthsSeen[len]++;
        }
        assertTrue(Math.abs(ones - 1000) < 150, "balanced classes, got " + ones + " of 2000");
        assertTrue(lengthsSeen[10] > 0 && lengthsSeen[time] > 0, "lengths span [minLength, time]");
        for (int len = 0; len < 10; len++) {
            assertEquals(0, lengthsSeen[len]);
        }
    }

    @Test
    void sameSeedSameData() {
        assertArrayEquals(
                TokenOrderTask.generate(50, 10, 8, 2, 3).features(),
                TokenOrderTask.generate(50, 10, 8, 2, 3).features());
        assertThrows(IllegalArgumentException.class, () -> TokenOrderTask.generate(10, 3, 8, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> TokenOrderTask.generate(10, 10, 8, 9, 1));
    }
}
