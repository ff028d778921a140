package io.sparknn.bench.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparknn.sparkio.compat.ScalaCollections;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class ShiftedCopiesTest {
    /** A 3x3 image 1..9, row-major. */
    private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void shiftMovesPixelsRightAndDownWithZeroFill() {
        assertArrayEquals(new float[] {0, 1, 2, 0, 4, 5, 0, 7, 8}, ShiftedCopies.shift(IMAGE, 3, 1, 0));
        assertArrayEquals(new float[] {3, 0, 0, 6, 0, 0, 9, 0, 0}, ShiftedCopies.shift(IMAGE, 3, -2, 0));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, ShiftedCopies.shift(IMAGE, 3, 1, 1));
        assertArrayEquals(IMAGE, ShiftedCopies.shift(IMAGE, 3, 0, 0));
    }

    @Test
    void tenCopiesHaveTenDistinctShiftsOneOfThemTheOriginal() {
        Set<String> shifts = new HashSet<>();
        int originals = 0;
        for (int k = 0; k < ShiftedCopies.MAX_COPIES; k++) {
            shifts.add(ShiftedCopies.dx(k) + "," + ShiftedCopies.dy(k));
            originals += ShiftedCopies.dx(k) == 0 && ShiftedCopies.dy(k) == 0 ? 1 : 0;
            assertEquals(true, Math.abs(ShiftedCopies.dx(k)) <= 2 && ShiftedCopies.dy(k) <= 1, "copy " + k);
        }
        assertEquals(ShiftedCopies.MAX_COPIES, shifts.size());
        assertEquals(1, originals);
    }

    @Test
    void eachRowBecomesItsCopiesWithIdsPerCopyAndTheLabelKept() {
        List<Float> pixels = new ArrayList<>();
        for (float v : IMAGE) {
            pixels.add(v);
        }
        Iterator<Row> out =
                new ShiftedCopies(3, 100, 3).call(RowFactory.create(7L, 4, 0, ScalaCollections.asScalaSeq(pixels)));
        for (int k = 0; k < 3; k++) {
            Row r = out.next();
            assertEquals(k * 100L + 7, r.getLong(0));
            assertEquals(4, r.getInt(1));
            assertArrayEquals(
                    ShiftedCopies.shift(IMAGE, 3, ShiftedCopies.dx(k), ShiftedCopies.dy(k)), (float[]) r.get(3));
        }
        assertEquals(false, out.hasNext());
    }

    @Test
    void rejectsImagesOfAnotherSizeAndTooManyCopies() {
        Row small = RowFactory.create(1L, 0, 0, ScalaCollections.asScalaSeq(List.of(1f, 2f)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ShiftedCopies(1, 10, 3).call(small));
        assertEquals("Row id 1 has 2 pixels, expected 3x3; the base table is not Fashion-MNIST", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ShiftedCopies(11, 10, 3));
    }
}
