package io.sparknn.ml.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparknn.distributed.spark.InputAudit;
import io.sparknn.sparkio.FeatureReader;
import io.sparknn.tensor.Finiteness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a training DataFrame: the schema on the driver before any job ({@link #checkSchema}),
 * and the values (nulls, NaN/Infinity, feature lengths, labels, weights) as the workers read
 * them in the training stage itself, one pass over the input ({@link InputAudit}). When the
 * workers reject the rows, {@link #explain} turns their audit into the first problem, as an
 * {@link IllegalArgumentException} naming the column, an offending row and value, and the fix.
 */
public final class InputValidator {
    /** What the labels must be. */
    public enum Task {
        /** Integer class indices in [0, numClasses). */
        CLASSIFICATION,
        /** Finite numbers; a label array of {@code labelWidth} for several outputs. */
        REGRESSION
    }

    /** SQL literal: doubles from here up cast to an infinite float. */
    private static final String FLOAT_OVERFLOW = Double.toString(Finiteness.FLOAT_OVERFLOW);

    private final String featuresCol;
    private final String labelCol;
    private final String weightCol;
    private final String indicatorCol;
    private final int inputSize;
    private final Task task;

    public InputValidator(
            String featuresCol, String labelCol, String weightCol, String indicatorCol, int inputSize, Task task) {
        this.featuresCol = featuresCol;
        this.labelCol = labelCol;
        this.weightCol = weightCol == null || weightCol.isEmpty() ? null : weightCol;
        this.indicatorCol = indicatorCol == null || indicatorCol.isEmpty() ? null : indicatorCol;
        this.inputSize = inputSize;
        this.task = task;
    }

    /** What the aggregation found that the caller needs: the row count and the label range. */
    public record Facts(long rows, double minLabel, double maxLabel, int labelWidth) {
        /** Classes implied by the labels (max label + 1); a long, as a label of 3e9 implies 3e9 + 1 classes. */
        public long numClasses() {
            return (long) maxLabel + 1;
        }
    }

    /**
     * The schema part of {@link #validate}, for the estimators' {@code transformSchema}: the
     * columns exist and have usable types. Runs before Spark's {@code Predictor.fit} casts the
     * label to double, which would turn string labels into nulls.
     */
    public static void checkSchema(
            StructType schema, String featuresCol, String labelCol, String weightCol, String indicatorCol, Task task) {
        FeatureReader.check(schema, featuresCol);
        DataType labelType = column(schema, labelCol, "labelCol", "the label column");
        if (!(labelType instanceof NumericType) && !(isNumericArray(labelType) && task == Task.REGRESSION)) {
            throw new IllegalArgumentException("Column '" + labelCol + "' has type " + labelType.simpleString()
                    + " but "
                    + (task == Task.CLASSIFICATION
                            ? "class labels must be numeric (0, 1, 2, ...); index string labels " + "with StringIndexer"
                            : "regression labels must be numeric or an array of numbers")
                    + ".");
        }
        if (weightCol != null
                && !weightCol.isEmpty()
                && !(column(schema, weightCol, "weightCol", "the weight column") instanceof NumericType)) {
            throw new IllegalArgumentException("Column '" + weightCol + "' has type "
                    + schema.apply(weightCol).dataType().simpleString() + " but weights must be numeric.");
        }
        if (indicatorCol != null
                && !indicatorCol.isEmpty()
                && !(column(schema, indicatorCol, "validationIndicatorCol", "the validation indicator")
                        instanceof BooleanType)) {
            throw new IllegalArgumentException("Column '" + indicatorCol + "' has type "
                    + schema.apply(indicatorCol).dataType().simpleString()
                    + " but the validation indicator must be boolean.");
        }
    }

    private static boolean isNumericArray(DataType type) {
        return type instanceof ArrayType a && a.elementType() instanceof NumericType;
    }

    /** What the workers' audit says about the labels, for comparing them with the network's outputs. */
    public static Facts facts(InputAudit a) {
        return new Facts(
                a.rows(),
                Double.isNaN(a.minLabel()) ? 0 : a.minLabel(),
                Double.isNaN(a.maxLabel()) ? 0 : a.maxLabel(),
                Math.max(a.maxLabelWidth(), 1));
    }

    /**
     * Throws the first problem the workers' audit of {@code df} shows, in the order of the checks
     * (emptiness, nulls, lengths, values, labels, weights), naming the first offending row found by
     * a pass over {@code df} that runs only here, on the failure path. Returns the facts when the
     * audit holds no value problem (the rejection was about the network's outputs, the batch or
     * the workers; the caller checks those).
     */
    public Facts explain(Dataset<?> df, InputAudit audit) {
        StructType schema = df.schema();
        checkSchema(schema, featuresCol, labelCol, weightCol, indicatorCol, task);
        boolean labelArray = isNumericArray(schema.apply(labelCol).dataType());

        // One projection with plain arrays (vector_to_array is a Scala function, not SQL; it throws
        // on a null vector, so nulls bypass it), searched for the first offending row below.
        Column features = schema.apply(featuresCol).dataType() instanceof VectorUDT
                ? when(col(featuresCol).isNull(), lit(null))
                        .otherwise(org.apache.spark.ml.functions.vector_to_array(col(featuresCol), "float64"))
                : col(featuresCol);
        List<Column> projection =
                new ArrayList<>(List.of(features.as("f"), col(labelCol).as("l")));
        if (weightCol != null) {
            projection.add(col(weightCol).cast("double").as("w"));
        }
        Dataset<Row> p = df.toDF().select(projection.toArray(new Column[0]));
        // array_max/array_min are generated code and order NaN above +Infinity; they skip null
        // elements, so arrays that may hold nulls use the exists() check.
        DataType featureType = schema.apply(featuresCol).dataType();
        boolean elementsMayBeNull = featureType instanceof ArrayType a && a.containsNull();
        // Finite as the engine computes: in float, so 1e300 (finite as a double) counts as invalid.
        String nonFinite = elementsMayBeNull
                ? "exists(f, x -> isnan(x) or abs(x) >= " + FLOAT_OVERFLOW + ")"
                : "isnan(array_max(f)) or array_max(f) >= " + FLOAT_OVERFLOW + " or array_min(f) <= -" + FLOAT_OVERFLOW;
        String nullElement = elementsMayBeNull ? "exists(f, x -> x is null)" : "false";
        String labelValues = labelArray ? "l" : "array(l)";
        int nullElements = weightCol != null ? 15 : 13;
        Row r = aggregates(audit, labelArray, weightCol != null);
        long rows = r.getLong(0);
        if (rows == 0) {
            throw new IllegalArgumentException("The training DataFrame is empty: there is nothing to train on. "
                    + "Check the input table and any filter applied to it.");
        }
        count(r, 1, "Column '" + featuresCol + "' is null in %d row(s). Drop or impute rows with missing features.");
        count(r, 2, "Column '" + labelCol + "' is null in %d row(s). Drop rows without a label.");
        int minSize = r.isNullAt(3) ? inputSize : r.getInt(3);
        int maxSize = r.isNullAt(4) ? inputSize : r.getInt(4);
        if (minSize != inputSize || maxSize != inputSize) {
            int bad = minSize != inputSize ? minSize : maxSize;
            throw new IllegalArgumentException("Column '" + featuresCol + "' has " + bad
                    + " values in some row(s) but the "
                    + "network expects " + inputSize + " (its input shape). Check the VectorAssembler inputs or the "
                    + "network's input shape.");
        }
        invalidRows(
                r,
                nullElements,
                p,
                "f",
                nullElement,
                featuresCol,
                "Impute missing values (e.g. with Imputer) " + "or drop those rows before training.");
        invalidRows(
                r,
                5,
                p,
                "f",
                nonFinite,
                featuresCol,
                "Replace or drop NaN, Infinity and values beyond float "
                        + "range (e.g. with Imputer, or scale them with StandardScaler) before training.");
        invalidRows(
                r,
                6,
                p,
                "l",
                invalidLabel(labelValues),
                labelCol,
                "Drop rows with non-finite labels, or scale " + "labels beyond float range.");
        double minLabel = r.isNullAt(7) ? 0 : ((Number) r.get(7)).doubleValue();
        double maxLabel = r.isNullAt(8) ? 0 : ((Number) r.get(8)).doubleValue();
        if (task == Task.CLASSIFICATION) {
            if (minLabel < 0) {
                throw new IllegalArgumentException("Column '" + labelCol + "' has the label " + fmt(minLabel)
                        + ", but class labels must be integers 0, 1, 2, ... Index the classes with StringIndexer.");
            }
            long nonInteger = r.getLong(9);
            if (nonInteger > 0) {
                throw new IllegalArgumentException("Column '" + labelCol + "' has " + nonInteger
                        + " non-integer label(s) " + "such as " + r.get(12)
                        + ", but class labels must be integers 0, 1, 2, ... Index the classes with StringIndexer.");
            }
        }
        int labelWidth = r.getInt(10);
        if (labelWidth != r.getInt(11)) {
            throw new IllegalArgumentException("Column '" + labelCol + "' has label arrays of different lengths ("
                    + r.getInt(11) + " to " + labelWidth + "); every row needs one value per network output.");
        }
        if (weightCol != null) {
            invalidRows(r, 13, p, "w", invalidWeight(), weightCol, "Give every row a finite weight.");
            double minWeight = r.isNullAt(14) ? 0 : ((Number) r.get(14)).doubleValue();
            if (minWeight < 0) {
                throw new IllegalArgumentException("Column '" + weightCol + "' has the negative weight "
                        + fmt(minWeight) + ". Weights must be >= 0.");
            }
        }
        return new Facts(rows, minLabel, maxLabel, labelWidth);
    }

    /** The audit in the layout of the checks below (one value per aggregate, null for "none"). */
    private static Row aggregates(InputAudit a, boolean labelArray, boolean weighted) {
        List<Object> v = new ArrayList<>(List.of(a.rows(), a.nullFeatures(), a.nullLabels()));
        v.add(a.minFeatureSize() < 0 ? null : a.minFeatureSize());
        v.add(a.maxFeatureSize() < 0 ? null : a.maxFeatureSize());
        v.add(a.nonFiniteFeatures());
        v.add(a.invalidLabels());
        v.add(labelArray || Double.isNaN(a.minLabel()) ? null : a.minLabel());
        v.add(labelArray || Double.isNaN(a.maxLabel()) ? null : a.maxLabel());
        v.add(a.nonIntegerLabels());
        v.add(Math.max(a.maxLabelWidth(), 1));
        v.add(Math.max(a.minLabelWidth(), 1));
        v.add(Double.isNaN(a.minNonIntegerLabel()) ? null : a.minNonIntegerLabel());
        if (weighted) {
            v.add(a.invalidWeights());
            v.add(Double.isNaN(a.minWeight()) ? null : a.minWeight());
        }
        v.add(a.nullFeatureElements());
        return RowFactory.create(v.toArray());
    }

    private static DataType column(StructType schema, String name, String param, String what) {
        if (!List.of(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(
                    "Column '" + name + "' (" + what + ", param " + param + ") does not exist. " + "Available columns: "
                            + List.of(schema.fieldNames()) + ". Set " + param + " to an existing column.");
        }
        return schema.apply(name).dataType();
    }

    /** SQL: a label value is null, NaN, infinite or beyond float range. */
    private static String invalidLabel(String labelValues) {
        return "exists(" + labelValues + ", x -> x is null or isnan(x) or abs(x) >= " + FLOAT_OVERFLOW + ")";
    }

    private static String invalidWeight() {
        return "w is null or isnan(w) or abs(w) >= " + FLOAT_OVERFLOW;
    }

    /**
     * Throws if aggregate {@code i} counted invalid rows, naming how many, the first such row,
     * the position and the value (found by a second pass that runs only on this failure path).
     */
    private static void invalidRows(
            Row r, int i, Dataset<Row> p, String c, String condition, String column, String fix) {
        long n = r.isNullAt(i) ? 0 : r.getLong(i);
        if (n > 0) {
            scala.Tuple2<Row, Long> first = FirstInvalidRow.find(p, c, condition);
            throw new IllegalArgumentException("Column '" + column + "' "
                    + FirstInvalidRow.describe(first._1().get(1), first._2()) + "; " + n + " row(s) have such values. "
                    + fix);
        }
    }

    private static void count(Row r, int i, String message) {
        long n = r.isNullAt(i) ? 0 : r.getLong(i);
        if (n > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, n));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
