package io.sparknn.jobs.report;

import static org.apache.spark.sql.functions.col;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.regression.NeuralNetworkRegressionModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;

/**
 * Gathers the report's held-out details from rows a pipeline has scored: the confusion matrix
 * and the most confidently misclassified images of a classifier, or a seeded sample of (actual,
 * predicted) pairs of a regressor. Each is one small Spark job over the cached scored rows.
 */
public final class HeldOutDetails {
    /** How many misclassified images the grid shows. */
    static final int EXAMPLES = 16;
    /** How many points the scatter plot and histogram draw (a seeded sample beyond that). */
    static final int POINTS = 2000;

    private HeldOutDetails() {}

    public static ClassificationDetails classification(
            NeuralNetworkClassificationModel c, Dataset<Row> scored, List<String> classNames) {
        int k = c.numClasses();
        long[][] confusion = new long[k][k];
        String label = c.getLabelCol();
        String prediction = c.getPredictionCol();
        for (Row r : scored.groupBy(col(label).cast("int"), col(prediction).cast("int"))
                .count()
                .collectAsList()) {
            // EvaluationLabels and the model's output range keep both in [0, k).
            confusion[r.getInt(0)][r.getInt(1)] += r.getLong(2);
        }
        return new ClassificationDetails(classNames, confusion, misclassified(c, scored));
    }

    private static List<Misclassified> misclassified(NeuralNetworkClassificationModel c, Dataset<Row> scored) {
        ImageShape shape = ImageShape.of(c.network().inputShape());
        List<Misclassified> out = new ArrayList<>();
        if (shape == null || c.getProbabilityCol().isEmpty()) {
            return out;
        }
        Dataset<Row> wrong = scored.filter(col(c.getLabelCol()).cast("int").notEqual(col(c.getPredictionCol())))
                .select(
                        col(c.getFeaturesCol()),
                        col(c.getLabelCol()).cast("int"),
                        col(c.getPredictionCol()).cast("int"),
                        functions.array_max(
                                org.apache.spark.ml.functions.vector_to_array(col(c.getProbabilityCol()), "float64")));
        for (Row r :
                wrong.orderBy(col(wrong.columns()[3]).desc()).limit(EXAMPLES).collectAsList()) {
            out.add(new Misclassified(
                    r.getInt(1),
                    r.getInt(2),
                    r.getDouble(3),
                    shape.channels(),
                    shape.height(),
                    shape.width(),
                    pixels(r)));
        }
        return out;
    }

    /** The features (field 0) as floats: an ML vector or an array column. */
    private static float[] pixels(Row r) {
        if (r.get(0) instanceof Vector v) {
            double[] d = v.toArray();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        List<Object> list = r.getList(0);
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }

    /** Null when the label is not one number per row (several outputs): nothing to plot. */
    public static RegressionDetails regression(NeuralNetworkRegressionModel r, Dataset<Row> scored, long rows) {
        if (!(scored.schema().apply(r.getLabelCol()).dataType() instanceof NumericType) || rows == 0) {
            return null;
        }
        Dataset<Row> pairs = scored.select(
                col(r.getLabelCol()).cast("double"), col(r.getPredictionCol()).cast("double"));
        if (rows > POINTS) {
            // A little over the target so that the sample rarely falls short, then cut.
            pairs = pairs.sample(false, Math.min(1.0, 1.2 * POINTS / rows), 7L).limit(POINTS);
        }
        List<Row> collected = pairs.collectAsList();
        double[] actual = new double[collected.size()];
        double[] predicted = new double[collected.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = collected.get(i).getDouble(0);
            predicted[i] = collected.get(i).getDouble(1);
        }
        return new RegressionDetails(actual, predicted, rows);
    }
}
