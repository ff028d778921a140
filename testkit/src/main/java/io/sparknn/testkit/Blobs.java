package io.sparknn.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small synthetic classification table: numeric columns x0..x3 on different scales (so a
 * StandardScaler matters) and a class label from a non-linear rule.
 */
public final class Blobs {
    private Blobs() {}

    public static Dataset<Row> table(SparkSession spark, int rows, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Row> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double a = rng.nextDouble(-1, 1);
            double b = rng.nextDouble(-1, 1);
            double c = rng.nextDouble(-1, 1);
            double d = rng.nextDouble(-1, 1);
            double score = Math.sin(3 * a) + b * b - c + 0.5 * d;
            int label = classes == 2
                    ? (score > 0.3 ? 1 : 0)
                    : Math.min(classes - 1, (int) Math.floor((score + 2.5) / 5 * classes));
            out.add(RowFactory.create(a * 100, b, c * 0.01, d + 50, (double) Math.max(0, label)));
        }
        StructType schema = new StructType()
                .add("x0", DataTypes.DoubleType)
                .add("x1", DataTypes.DoubleType)
                .add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType);
        return spark.createDataFrame(out, schema);
    }
}
