package io.sparknn.distributed.spark;

import io.sparknn.data.LabeledSamples;
import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;

/**
 * Turns a partition's rows {@code (features, label, weight, isValidation, rowId)} into compact
 * float arrays, once per training run, and audits them in the same pass: the rows are read as
 * Spark's own binary rows ({@link InternalRow}), so a feature array is copied straight from
 * Spark's buffer into the packed float32 block, with no object per row or per value.
 *
 * <p>Nothing is thrown for bad values: they are counted in the {@link InputAudit}, which the
 * workers compare before the first step (a bad row anywhere means nobody trains). Features beyond
 * the memory budget go to a memory-mapped {@link SpillFile}.
 */
final class RowMaterializer {
    private final TrainingRows.Layout layout;
    private final int featureSize;
    private final Shape featureShape;
    private final int labelWidth;
    private final boolean weighted;
    private final long budgetFloats;
    private final java.nio.file.Path spillDir;
    private final InputAudit audit;
    // Created in the constructor, after the fields they read: as field initializers they would see
    // weighted == false and drop every weight.
    private final Part train;
    private final Part validation;

    /**
     * @param featureBudgetBytes feature bytes kept in memory per split; beyond it the features
     *                           go to a memory-mapped file in {@code spillDir}
     */
    RowMaterializer(
            TrainingRows.Layout layout,
            Shape featureShape,
            int labelWidth,
            boolean weighted,
            long featureBudgetBytes,
            java.nio.file.Path spillDir,
            InputAudit audit) {
        this.layout = layout;
        this.featureShape = featureShape;
        this.featureSize = featureShape.size();
        this.labelWidth = labelWidth;
        this.weighted = weighted;
        this.budgetFloats = Math.max(featureSize, featureBudgetBytes / Float.BYTES);
        this.spillDir = spillDir;
        this.audit = audit;
        this.train = new Part();
        this.validation = new Part();
    }

    /** Whether either split went to disk. */
    boolean spilled() {
        return train.spill != null || validation.spill != null || train.spilledRows > 0 || validation.spilledRows > 0;
    }

    void addAll(Iterator<InternalRow> rows) {
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            boolean isValidation = !r.isNullAt(3) && r.getBoolean(3);
            audit.row(!isValidation);
            (isValidation ? validation : train).add(r);
        }
    }

    LabeledSamples train() {
        return train.toDataset();
    }

    /** The validation rows, or null when there are none in this partition. */
    LabeledSamples validation() {
        return validation.size == 0 ? null : validation.toDataset();
    }

    /** Reads the features of {@code r} into {@code x[off, off + featureSize)}, auditing them. */
    private void features(InternalRow r, float[] x, int off) {
        if (r.isNullAt(0)) {
            audit.countNullFeatures();
            return;
        }
        switch (layout.features()) {
            case FLOATS -> floats(r.getArray(0), x, off);
            case DOUBLES -> doubles(r.getArray(0), x, off);
            case VECTOR -> vector(r.getStruct(0, 4), x, off);
        }
    }

    private void floats(ArrayData a, float[] x, int off) {
        int n = a.numElements();
        audit.featureSize(n);
        if (n != featureSize) {
            return;
        }
        if (layout.featureNulls() && hasNull(a, n)) {
            audit.nullFeatureElement();
            return;
        }
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            float v = a.getFloat(i);
            x[off + i] = v;
            finite &= Float.isFinite(v);
        }
        if (!finite) {
            audit.countNonFiniteFeatures();
        }
    }

    private void doubles(ArrayData a, float[] x, int off) {
        int n = a.numElements();
        audit.featureSize(n);
        if (n != featureSize) {
            return;
        }
        if (layout.featureNulls() && hasNull(a, n)) {
            audit.nullFeatureElement();
            return;
        }
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            float v = (float) a.getDouble(i); // beyond the float range becomes infinite: caught below
            x[off + i] = v;
            finite &= Float.isFinite(v);
        }
        if (!finite) {
            audit.countNonFiniteFeatures();
        }
    }

    /** An ML Vector as Spark stores it: struct(type: 0 sparse / 1 dense, size, indices, values). */
    private void vector(InternalRow v, float[] x, int off) {
        ArrayData values = v.getArray(3);
        boolean dense = v.getByte(0) == 1;
        int n = dense ? values.numElements() : v.getInt(1);
        audit.featureSize(n);
        if (n != featureSize) {
            return;
        }
        boolean finite = true;
        if (dense) {
            for (int i = 0; i < n; i++) {
                float f = (float) values.getDouble(i);
                x[off + i] = f;
                finite &= Float.isFinite(f);
            }
        } else {
            Arrays.fill(x, off, off + n, 0f);
            ArrayData indices = v.getArray(2);
            for (int k = 0, nnz = indices.numElements(); k < nnz; k++) {
                float f = (float) values.getDouble(k);
                x[off + indices.getInt(k)] = f;
                finite &= Float.isFinite(f);
            }
        }
        if (!finite) {
            audit.countNonFiniteFeatures();
        }
    }

    private static boolean hasNull(ArrayData a, int n) {
        for (int i = 0; i < n; i++) {
            if (a.isNullAt(i)) {
                return true;
            }
        }
        return false;
    }

    private void label(InternalRow r, float[] y, int off) {
        if (r.isNullAt(1)) {
            audit.nullLabel();
            return;
        }
        if (!layout.labelArray()) {
            double v = r.getDouble(1);
            audit.label(v);
            if (labelWidth == 1) {
                y[off] = (float) v;
            }
            return;
        }
        ArrayData a = r.getArray(1);
        int n = a.numElements();
        audit.labelWidth(n);
        boolean valid = true;
        for (int i = 0; i < n; i++) {
            if (a.isNullAt(i)) {
                valid = false;
                continue;
            }
            double v = a.getDouble(i);
            valid &= io.sparknn.tensor.Finiteness.finiteAsFloat(v);
            if (i < labelWidth) {
                y[off + i] = (float) v;
            }
        }
        if (!valid) {
            audit.invalidLabel();
        }
    }

    /**
     * A growable column store for one split. Labels and weights stay in memory (a few floats per
     * row); features move to a {@link SpillFile} once they exceed the budget.
     */
    private final class Part {
        float[] x = new float[featureSize * 64];
        float[] y = new float[labelWidth * 64];
        float[] w = weighted ? new float[64] : null;
        int size;
        /** Rows whose features are in {@link #x} (all rows until the budget is reached). */
        int inMemory;

        SpillFile spill;
        int spilledRows;

        void add(InternalRow r) {
            if (size == Integer.MAX_VALUE / Math.max(featureSize, 1) - 1) {
                throw new IllegalStateException("A training partition holds more than " + size
                        + " rows; use more workers (numWorkers) so that each holds fewer");
            }
            if (spill == null && (long) (inMemory + 1) * featureSize > budgetFloats) {
                spill = new SpillFile(spillDir);
                spill.append(x, 0, inMemory * featureSize);
                x = new float[featureSize * 256];
                inMemory = 0;
            }
            if ((long) (inMemory + 1) * featureSize > x.length) {
                if (spill != null) {
                    spill.append(x, 0, inMemory * featureSize);
                    inMemory = 0;
                } else {
                    // Grow by doubling, but never past the budget: while a block is copied the old
                    // and the new one are both live, and the executor's heap is shared with Spark.
                    long rows = Math.max(1, budgetFloats / featureSize);
                    long cap = Math.min(Integer.MAX_VALUE - 8, rows * featureSize);
                    x = Arrays.copyOf(x, (int)
                            Math.min(cap, Math.max((long) x.length * 2, (long) (inMemory + 1) * featureSize)));
                }
            }
            if ((size + 1) * labelWidth > y.length) {
                y = Arrays.copyOf(y, Math.max(y.length * 2, (size + 1) * labelWidth));
                if (w != null) {
                    w = Arrays.copyOf(w, Math.max(w.length * 2, size + 1));
                }
            }
            features(r, x, inMemory * featureSize);
            label(r, y, size * labelWidth);
            if (w != null) {
                boolean isNull = r.isNullAt(2);
                float v = isNull ? Float.NaN : r.getFloat(2);
                audit.weight(v, isNull);
                w[size] = v;
            }
            inMemory++;
            size++;
        }

        LabeledSamples toDataset() {
            float[] labels = Arrays.copyOf(y, size * labelWidth);
            float[] weights = w == null ? null : Arrays.copyOf(w, size);
            if (spill == null) {
                int n = size * featureSize;
                // The block itself, not a trimmed copy that would double the features on the heap.
                return x.length == n
                        ? new LabeledSamples(x, featureShape, labels, labelWidth, weights)
                        : new LabeledSamples(
                                java.nio.FloatBuffer.wrap(x, 0, n).slice(), featureShape, labels, labelWidth, weights);
            }
            spill.append(x, 0, inMemory * featureSize);
            spilledRows = size;
            java.nio.FloatBuffer mapped = spill.map();
            spill = null;
            x = null;
            return new LabeledSamples(mapped, featureShape, labels, labelWidth, weights);
        }
    }
}
