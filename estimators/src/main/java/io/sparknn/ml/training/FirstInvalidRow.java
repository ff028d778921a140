package io.sparknn.ml.training;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.sparknn.sparkio.compat.ScalaCollections;
import io.sparknn.tensor.Finiteness;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Finds the first row that an aggregate check counted as invalid, so that the error can name
 * the row, the position in the array and the value. Runs only when validation has already
 * failed, so its extra pass over the data costs nothing on the path that trains.
 */
final class FirstInvalidRow {
    /** Rows are numbered from 0 in the order of the DataFrame. */
    static final String ROW_ORDER = "counting from 0 in the DataFrame's order";

    private FirstInvalidRow() {}

    /** The first row of {@code p} (with its number) where the SQL {@code condition} holds on column {@code c}. */
    static Tuple2<Row, Long> find(Dataset<Row> p, String c, String condition) {
        List<Tuple2<Row, Long>> hit = p.select(
                        coalesce(expr(condition), lit(false)).as("bad"), p.col(c))
                .javaRDD()
                .zipWithIndex()
                .filter(t -> t._1().getBoolean(0))
                .take(1);
        if (hit.isEmpty()) {
            throw new IllegalStateException("The validation pass counted an invalid value in column " + c
                    + " but no row matches " + condition + " on a second pass; the input changed between the passes.");
        }
        return hit.get(0);
    }

    /**
     * Describes the first value of an array (or a single number) that is null, NaN, infinite
     * or beyond float range, e.g. {@code has 1.0E300 at position 2 in row 7 (...), beyond the
     * float range}.
     */
    static String describe(Object value, long row) {
        List<?> values = value instanceof scala.collection.Seq<?> seq
                ? ScalaCollections.asJava(seq)
                : java.util.Collections.singletonList(value);
        for (int i = 0; i < values.size(); i++) {
            Object x = values.get(i);
            String where = (values.size() > 1 || value instanceof scala.collection.Seq<?> ? " at position " + i : "")
                    + " in row " + row + " (" + ROW_ORDER + ")";
            if (x == null) {
                return "has a null" + where;
            }
            double d = ((Number) x).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "has " + d + where;
            }
            if (!Finiteness.finiteAsFloat(d)) {
                return String.format(
                        Locale.ROOT,
                        "has %s%s, which is beyond the float range (about +-3.4E38) the " + "network computes in",
                        d,
                        where);
            }
        }
        return "has an invalid value in row " + row + " (" + ROW_ORDER + ")";
    }
}
