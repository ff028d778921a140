package io.sparknn.distributed.spark;

import io.sparknn.data.LabeledSamples;
import io.sparknn.sparkio.FeatureReader;
import io.sparknn.sparkio.compat.ScalaCollections;
import io.sparknn.tensor.Shape;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Turns a partition's rows {@code (features, label, weight, isValidation)} into compact float
 * arrays, once per training run. Features are read by the {@link FeatureReader} scoring uses too
 * (an ML Vector or an array of float/double, checked for nulls, lengths and non-finite values);
 * a label is a number or an array of numbers (multi-output regression).
 */
final class RowMaterializer {
    private final FeatureReader features;
    private final int featureSize;
    private final Shape featureShape;
    private final int labelWidth;
    private final boolean weighted;
    private final long budgetFloats;
    private final java.nio.file.Path spillDir;
    private final Part train = new Part();
    private final Part validation = new Part();

    /**
     * @param featuresCol        the features column's name, for error messages
     * @param featureBudgetBytes feature bytes kept in memory per split; beyond it the features
     *                           go to a memory-mapped file in {@code spillDir}
     */
    RowMaterializer(
            String featuresCol,
            Shape featureShape,
            int labelWidth,
            boolean weighted,
            long featureBudgetBytes,
            java.nio.file.Path spillDir) {
        this.featureShape = featureShape;
        this.featureSize = featureShape.size();
        this.features = new FeatureReader(featuresCol, featureSize, "training");
        this.labelWidth = labelWidth;
        this.weighted = weighted;
        this.budgetFloats = Math.max(featureSize, featureBudgetBytes / Float.BYTES);
        this.spillDir = spillDir;
    }

    /** Whether either split went to disk. */
    boolean spilled() {
        return train.spill != null || validation.spill != null || train.spilledRows > 0 || validation.spilledRows > 0;
    }

    void addAll(Iterator<Row> rows) {
        long index = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            Part p = !r.isNullAt(3) && r.getBoolean(3) ? validation : train;
            p.add(r, index++);
        }
    }

    LabeledSamples train() {
        return train.toDataset();
    }

    /** The validation rows, or null when there are none in this partition. */
    LabeledSamples validation() {
        return validation.size == 0 ? null : validation.toDataset();
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

        void add(Row r, long index) {
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
                    x = Arrays.copyOf(x, (int) Math.min(
                            Integer.MAX_VALUE - 8, Math.max((long) x.length * 2, (long) (inMemory + 1) * featureSize)));
                }
            }
            if ((size + 1) * labelWidth > y.length) {
                y = Arrays.copyOf(y, Math.max(y.length * 2, (size + 1) * labelWidth));
                if (w != null) {
                    w = Arrays.copyOf(w, Math.max(w.length * 2, size + 1));
                }
            }
            features.read(r, 0, x, inMemory * featureSize, index);
            label(r.get(1), index, y, size * labelWidth);
            if (w != null) {
                w[size] = ((Number) r.get(2)).floatValue();
            }
            inMemory++;
            size++;
        }

        LabeledSamples toDataset() {
            float[] labels = Arrays.copyOf(y, size * labelWidth);
            float[] weights = w == null ? null : Arrays.copyOf(w, size);
            if (spill == null) {
                return new LabeledSamples(
                        Arrays.copyOf(x, size * featureSize), featureShape, labels, labelWidth, weights);
            }
            spill.append(x, 0, inMemory * featureSize);
            spilledRows = size;
            java.nio.FloatBuffer mapped = spill.map();
            spill = null;
            x = null;
            return new LabeledSamples(mapped, featureShape, labels, labelWidth, weights);
        }
    }

    private void label(Object v, long row, float[] out, int off) {
        if (v instanceof Number n) {
            if (labelWidth != 1) {
                throw new IllegalArgumentException(
                        "Row " + row + " of a training partition has a scalar label but the loss needs " + labelWidth
                                + " label values per row");
            }
            out[off] = n.floatValue();
            return;
        }
        List<?> list = asList(v, "label", row);
        if (list.size() != labelWidth) {
            throw new IllegalArgumentException("Row " + row + " of a training partition has " + list.size()
                    + " label values but the loss needs " + labelWidth);
        }
        for (int i = 0; i < labelWidth; i++) {
            out[off + i] = ((Number) list.get(i)).floatValue();
        }
    }

    private static List<?> asList(Object v, String what, long row) {
        if (v instanceof scala.collection.Seq<?> seq) {
            return ScalaCollections.asJava(seq);
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("Row " + row + " of a training partition has a " + what + " value of type "
                + (v == null ? "null" : v.getClass().getName()) + "; expected a number array or an ML Vector");
    }
}
