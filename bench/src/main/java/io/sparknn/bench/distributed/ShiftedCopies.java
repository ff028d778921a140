package io.sparknn.bench.distributed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns each row {@code (id, label, footwear, features)} of a table of square images into
 * {@code copies} rows, copy k shifted by {@link #dx}(k) columns and {@link #dy}(k) rows with zero
 * fill, and with id {@code k * baseRows + id}. The shifts are small (at most two pixels), so every
 * copy is a different but still recognisable image with its label unchanged: a larger training
 * set of the same task, not ten identical copies a cache could deduplicate.
 */
final class ShiftedCopies implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** dx in -2..2 and dy in 0..1: ten distinct shifts, copy 2 being the original. */
    static final int MAX_COPIES = 10;

    private final int copies;
    private final long baseRows;
    private final int side;

    ShiftedCopies(int copies, long baseRows, int side) {
        if (copies < 1 || copies > MAX_COPIES) {
            throw new IllegalArgumentException(
                    "copies must be 1.." + MAX_COPIES + " (the distinct shifts there are), got " + copies);
        }
        this.copies = copies;
        this.baseRows = baseRows;
        this.side = side;
    }

    static int dx(int copy) {
        return copy % 5 - 2;
    }

    static int dy(int copy) {
        return copy / 5;
    }

    /** {@code image} (side x side, row-major) moved right by dx and down by dy, zeros shifted in. */
    static float[] shift(float[] image, int side, int dx, int dy) {
        float[] out = new float[side * side];
        for (int r = Math.max(0, dy); r < Math.min(side, side + dy); r++) {
            int from = Math.max(0, dx);
            int to = Math.min(side, side + dx);
            System.arraycopy(image, (r - dy) * side + from - dx, out, r * side + from, to - from);
        }
        return out;
    }

    @Override
    public Iterator<Row> call(Row r) {
        long id = r.getLong(0);
        List<Float> pixels = r.getList(3);
        float[] image = new float[pixels.size()];
        for (int i = 0; i < image.length; i++) {
            image[i] = pixels.get(i);
        }
        if (image.length != side * side) {
            throw new IllegalArgumentException("Row id " + id + " has " + image.length + " pixels, expected " + side
                    + "x" + side + "; the base table is not Fashion-MNIST");
        }
        List<Row> out = new ArrayList<>(copies);
        for (int k = 0; k < copies; k++) {
            out.add(RowFactory.create(k * baseRows + id, r.get(1), r.get(2), shift(image, side, dx(k), dy(k))));
        }
        return out.iterator();
    }
}
