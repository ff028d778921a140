package io.sparknn.testkit;

import io.sparknn.data.FashionMnist;
import io.sparknn.data.LabeledSamples;
import io.sparknn.testing.FashionMnistData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The repository's Fashion-MNIST subset as in-memory datasets and as DataFrames (features vector, label). */
public final class FashionFrames {
    private FashionFrames() {}

    /** The first {@code n} images of {@code split} ("train" or "t10k"). */
    public static LabeledSamples load(String split, int n) throws IOException {
        return FashionMnist.load(FashionMnistData.dir(), split).head(n);
    }

    /** {@code d} as a DataFrame: a {@code features} vector of pixels and a double {@code label}. */
    public static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, LabeledSamples d) {
        List<Row> rows = new ArrayList<>(d.size());
        int f = d.featureSize();
        for (int i = 0; i < d.size(); i++) {
            double[] x = new double[f];
            for (int j = 0; j < f; j++) {
                x[j] = d.features()[i * f + j];
            }
            rows.add(RowFactory.create(Vectors.dense(x), (double) d.labels()[i]));
        }
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }
}
