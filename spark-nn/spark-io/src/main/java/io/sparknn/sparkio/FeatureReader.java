package io.sparknn.sparkio;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a features column into a float buffer: an ML {@link Vector} (dense or sparse) or an
 * {@code array<float>} / {@code array<double>}. Nulls, NaN/Inf and wrong lengths are errors
 * that name the column, the row and the fix. Scoring reads its batches and every training
 * worker materialises its partition through this one class, so both accept the same column
 * types with the same checks.
 */
public final class FeatureReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final int size;
    private final String use;

    /** A reader for scoring: errors end with "... before scoring". */
    public FeatureReader(String column, int size) {
        this(column, size, "scoring");
    }

    /**
     * @param use what the features are read for ("scoring", "training"), named in the fix an
     *            error suggests
     */
    public FeatureReader(String column, int size, String use) {
        this.column = column;
        this.size = size;
        this.use = use;
    }

    /** Whether {@code type} is a features type this reader accepts. */
    public static boolean accepts(DataType type) {
        if (type instanceof VectorUDT) {
            return true;
        }
        return type instanceof ArrayType a
                && (a.elementType().equals(DataTypes.FloatType)
                        || a.elementType().equals(DataTypes.DoubleType));
    }

    /** Throws naming the column and its type when the schema cannot be read. */
    public static void check(StructType schema, String column) {
        if (!List.of(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("Column '" + column + "' does not exist. Available columns: "
                    + List.of(schema.fieldNames()) + ". Set featuresCol to the column holding the features.");
        }
        DataType t = schema.apply(column).dataType();
        if (!accepts(t)) {
            throw new IllegalArgumentException("Column '" + column + "' has type " + t.simpleString()
                    + " but features must be an ML Vector or array<float>/array<double>. "
                    + "Use VectorAssembler to build a vector column.");
        }
    }

    /** Copies the features of {@code row} (field {@code index}) to {@code out[off .. off + size)}. */
    public void read(Row row, int index, float[] out, int off, long rowNumber) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("Column '" + column + "' is null in row " + rowNumber
                    + ". Remove or impute rows with missing features before " + use + ".");
        }
        Object v = row.get(index);
        if (v instanceof SparseVector sv) {
            checkLength(sv.size(), rowNumber);
            Arrays.fill(out, off, off + size, 0f);
            int[] idx = sv.indices();
            double[] val = sv.values();
            for (int k = 0; k < idx.length; k++) {
                out[off + idx[k]] = finite((float) val[k], rowNumber, idx[k]);
            }
        } else if (v instanceof DenseVector dv) {
            double[] values = dv.values(); // the vector's own array: no copy, no call per element
            checkLength(values.length, rowNumber);
            boolean finite = true;
            for (int i = 0; i < size; i++) {
                float x = (float) values[i];
                out[off + i] = x;
                finite &= Float.isFinite(x);
            }
            if (!finite) {
                for (int i = 0; i < size; i++) {
                    finite(out[off + i], rowNumber, i);
                }
            }
        } else if (v instanceof Vector other) {
            checkLength(other.size(), rowNumber);
            for (int i = 0; i < size; i++) {
                out[off + i] = finite((float) other.apply(i), rowNumber, i);
            }
        } else if (!(v instanceof scala.collection.Seq<?>)) {
            // Only when the schema was not checked first (the distributed trainer's own API).
            throw new IllegalArgumentException("Column '" + column + "' has a value of type "
                    + v.getClass().getName() + " in row " + rowNumber
                    + " but features must be an ML Vector or array<float>/array<double>. "
                    + "Use VectorAssembler to build a vector column.");
        } else {
            List<Object> list = row.getList(index);
            checkLength(list.size(), rowNumber);
            for (int i = 0; i < size; i++) {
                Object x = list.get(i);
                if (x == null) {
                    throw new IllegalArgumentException("Column '" + column + "' has a null at position " + i
                            + " in row " + rowNumber + ". Impute missing values before " + use + ".");
                }
                out[off + i] = finite(((Number) x).floatValue(), rowNumber, i);
            }
        }
    }

    private void checkLength(int actual, long rowNumber) {
        if (actual != size) {
            throw new IllegalArgumentException("Column '" + column + "' has " + actual + " values in row " + rowNumber
                    + " but the network expects " + size + ". Check the VectorAssembler inputs.");
        }
    }

    private float finite(float x, long rowNumber, int position) {
        if (!Float.isFinite(x)) {
            throw new IllegalArgumentException("Column '" + column + "' has " + x + " at position " + position
                    + " in row " + rowNumber + ". Replace NaN/Infinity (or values beyond float range) before " + use
                    + ".");
        }
        return x;
    }
}
