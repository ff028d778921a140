package io.sparknn.jobs.evaluate;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.delta.ColumnName;
import io.sparknn.jobs.model.SavedPipeline;
import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * Checks, in one pass before any metric is computed, that the rows can be evaluated: there are
 * some, the label column is numeric, and a classifier's labels are classes it knows (integers in
 * [0, numClasses)). Otherwise MLlib's evaluators return NaN or a meaningless figure and the run
 * would still succeed.
 */
final class EvaluationLabels {
    private EvaluationLabels() {}

    static void check(SavedPipeline model, Dataset<Row> rows, String where) {
        String label = model.networkColumn("labelCol");
        if (label == null) {
            return;
        }
        DataType type = rows.schema().apply(label).dataType();
        boolean multiOutput = type instanceof ArrayType || type instanceof VectorUDT;
        boolean classifier = model.network() instanceof NeuralNetworkClassificationModel;
        if (!(type instanceof NumericType) && (classifier || !multiOutput)) {
            throw new InputDataException("Label column '" + label + "' of " + where + " is " + type.simpleString()
                    + ", but model '" + model.path() + "' needs numeric labels"
                    + (classifier ? " (class indices 0, 1, ...)" : "")
                    + ". Evaluate on a table whose label column is numeric, e.g. index string labels with "
                    + "StringIndexer as at training time.");
        }
        Column y = ColumnName.of(label);
        Column bad;
        String expected;
        if (classifier) {
            int classes = ((NeuralNetworkClassificationModel) model.network()).numClasses();
            Column d = y.cast("double");
            bad = y.isNull().or(isnan(d)).or(d.lt(0)).or(d.geq(classes)).or(floor(d).notEqual(d));
            expected = "class indices 0 to " + (classes - 1) + " (the model has " + classes + " classes)";
        } else if (multiOutput) {
            bad = y.isNull();
            expected = "a value in every row";
        } else {
            Column d = y.cast("double");
            bad = y.isNull()
                    .or(isnan(d))
                    .or(d.equalTo(Double.POSITIVE_INFINITY))
                    .or(d.equalTo(Double.NEGATIVE_INFINITY));
            expected = "finite numbers";
        }
        Row r = rows.agg(count(lit(1)), sum(when(bad, 1).otherwise(0)), first(when(bad, y.cast("string")), true))
                .first();
        long total = r.getLong(0);
        if (total == 0) {
            throw new InputDataException("There are no rows to evaluate in " + where + ". Check --input-filter and "
                    + "--input-version: the metrics of zero rows are undefined.");
        }
        long badRows = r.isNullAt(1) ? 0 : r.getLong(1);
        if (badRows > 0) {
            throw new InputDataException(
                    badRows + " of " + total + " rows of " + where + " have a label in column '"
                            + label + "' that is not one of " + expected + ", e.g. "
                            + (r.isNullAt(2) ? "null" : r.getString(2))
                            + ". Evaluate on rows labelled like the training data, or filter the others out with --input-filter.");
        }
    }
}
