package io.sparknn.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small synthetic regression table: a 3-value {@code features} vector in [-1, 1), a scalar
 * target {@code y} and a 2-value {@code array<double>} target {@code ys}, all smooth functions of
 * the features without noise.
 */
public final class Curves {
    private Curves() {}

    /** The scalar target. */
    public static double y(double a, double b, double c) {
        return 1.5 * a - b + 0.5 * Math.sin(2 * c) + 0.3;
    }

    /** The two targets of {@code ys}. */
    public static double[] ys(double a, double b, double c) {
        return new double[] {a + b * b, 0.5 * c - a};
    }

    public static Dataset<Row> table(SparkSession spark, int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Row> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double a = rng.nextDouble(-1, 1);
            double b = rng.nextDouble(-1, 1);
            double c = rng.nextDouble(-1, 1);
            double[] ys = ys(a, b, c);
            out.add(RowFactory.create(Vectors.dense(a, b, c), y(a, b, c), List.of(ys[0], ys[1])));
        }
        StructType schema = new StructType()
                .add("features", SQLDataTypes.VectorType(), false)
                .add("y", DataTypes.DoubleType, false)
                .add("ys", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        return spark.createDataFrame(out, schema);
    }
}
