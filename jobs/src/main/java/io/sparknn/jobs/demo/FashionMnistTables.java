package io.sparknn.jobs.demo;

import io.sparknn.data.LabeledSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fashion-MNIST as a Delta table: {@code id} (row number), {@code label} (0..9), {@code footwear}
 * (1 for sandal, sneaker and ankle boot, the seed-001 binary task) and {@code features} (the
 * 784 pixels scaled to [0, 1], row-major, so an image network reads them as [1, 28, 28]).
 */
public final class FashionMnistTables {
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("footwear", DataTypes.IntegerType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    private static final int ROWS_PER_SLICE = 2_000;

    private FashionMnistTables() {}

    /** Writes {@code data} (its first {@code limit} rows) as a new Delta table version at {@code path}. */
    public static void write(SparkSession spark, LabeledSamples data, int limit, String path) {
        int n = Math.min(limit, data.size());
        int f = data.featureSize();
        List<Row> rows = new ArrayList<>(n);
        float[] all = data.features();
        for (int i = 0; i < n; i++) {
            int label = (int) data.labels()[i];
            rows.add(RowFactory.create(
                    (long) i, label, isFootwear(label) ? 1 : 0, Arrays.copyOfRange(all, i * f, (i + 1) * f)));
        }
        int slices = Math.max(1, (n + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spark.createDataFrame(jsc.parallelize(rows, slices), SCHEMA)
                .write()
                .format("delta")
                .mode(SaveMode.Overwrite)
                .option("overwriteSchema", "true")
                .save(path);
    }

    static boolean isFootwear(int label) {
        return label == 5 || label == 7 || label == 9;
    }
}
