package io.sparknn.bench.ml;

import io.sparknn.data.LabeledSamples;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Fashion-MNIST samples as a DataFrame the estimators take: {@code features} (a vector) and {@code label}. */
final class FashionMnistFrames {
    private FashionMnistFrames() {}

    /** Samples {@code [start, end)} of {@code d}, built on the driver (keep it to a few thousand rows per call). */
    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, LabeledSamples d, int start, int end) {
        List<Row> out = new ArrayList<>(end - start);
        int f = d.featureSize();
        for (int i = start; i < end; i++) {
            double[] x = new double[f];
            for (int j = 0; j < f; j++) {
                x[j] = d.features()[i * f + j];
            }
            out.add(RowFactory.create(Vectors.dense(x), (double) d.labels()[i]));
        }
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(out, schema);
    }
}
