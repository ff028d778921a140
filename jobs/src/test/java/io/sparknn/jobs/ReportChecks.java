package io.sparknn.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/** What a classification report must show, checked on its HTML text against MLlib's own figures. */
final class ReportChecks {
    private ReportChecks() {}

    /** MLlib's recall of classes 0..9 for the model's predictions on {@code rows}. */
    static double[] mllibRecalls(PipelineModel model, Dataset<Row> rows) {
        Dataset<Row> scored =
                model.transform(rows).select(col("prediction"), col("label").cast("double"));
        MulticlassMetrics mm = new MulticlassMetrics(scored.javaRDD()
                .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)))
                .rdd());
        double[] recalls = new double[10];
        for (int k = 0; k < 10; k++) {
            recalls[k] = mm.recall(k);
        }
        return recalls;
    }

    static void classification(String html, long rows, double[] recalls) {
        long sum = 0;
        int cells = 0;
        Matcher m = Pattern.compile("data-count=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
            cells++;
        }
        assertEquals(100, cells, "a 10x10 confusion matrix");
        assertEquals(rows, sum, "the confusion matrix counts every evaluated row once");
        List<Double> shown = new ArrayList<>();
        Matcher r = Pattern.compile("data-recall=\"([^\"]+)\"").matcher(html);
        while (r.find()) {
            shown.add(Double.parseDouble(r.group(1)));
        }
        assertEquals(10, shown.size(), "one recall per class");
        for (int k = 0; k < 10; k++) {
            assertEquals(recalls[k], shown.get(k), 1e-12, "recall of class " + k);
        }
        assertTrue(html.contains("<td>" + rows + "</td>"), "the row count is a whole number");
        assertFalse(html.contains(rows + ".0000"), "no 1000.0000");
        assertTrue(html.contains("id=\"misclassified\"") && html.contains("data:image/png;base64,"), "image grid");
    }
}
