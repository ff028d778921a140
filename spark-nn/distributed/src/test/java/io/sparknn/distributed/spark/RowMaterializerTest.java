package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.LabeledSamples;
import io.sparknn.tensor.Shape;
import io.sparknn.testkit.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding Spark's binary training rows into packed float blocks, and auditing them. */
class RowMaterializerTest {

    private static final DistributedOptions OPTIONS =
            DistributedOptions.workers(1).withColumns("features", "label", "w");

    /** The rows of {@code df} exactly as the training stage reads them (binary rows of {@link TrainingRows}). */
    private static List<InternalRow> trainingRows(Dataset<Row> df, Dataset<Row> validation) {
        return new TrainingRows(OPTIONS)
                .of(df, validation)
                .queryExecution()
                .toRdd()
                .toJavaRDD()
                .map(InternalRow::copy)
                .collect();
    }

    private static TrainingRows.Layout layout(Dataset<Row> df) {
        return TrainingRows.Layout.of(df.schema(), "features", "label");
    }

    private static Dataset<Row> frame(DataType featureType, List<Row> rows) {
        StructType schema = new StructType()
                .add("features", featureType)
                .add("label", DataTypes.IntegerType)
                .add("w", DataTypes.DoubleType);
        return TestSpark.session().createDataFrame(rows, schema);
    }

    private static List<Row> vectorRows(int n, int from) {
        SplittableRandom rng = new SplittableRandom(from);
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            double[] x = new double[7];
            for (int j = 0; j < 7; j++) {
                x[j] = j == i % 7 ? 0 : rng.nextDouble(-1, 1);
            }
            Object features = i % 2 == 0 ? Vectors.dense(x) : Vectors.dense(x).toSparse();
            rows.add(RowFactory.create(features, i % 3, 1.0 + i % 4));
        }
        return rows;
    }

    private static RowMaterializer materializer(TrainingRows.Layout layout, int size, long budget, Path dir) {
        return new RowMaterializer(layout, Shape.of(size), 1, true, budget, dir, new InputAudit(0, 1));
    }

    private static void assertSame(LabeledSamples a, LabeledSamples b) {
        assertEquals(a.size(), b.size());
        float[] fa = new float[a.size() * a.featureSize()];
        float[] fb = new float[fa.length];
        a.copyFeatures(0, a.size(), fa, 0);
        b.copyFeatures(0, b.size(), fb, 0);
        assertArrayEquals(fa, fb);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.weights(), b.weights());
    }

    @Test
    void featuresBeyondTheBudgetAreMemoryMappedAndIdentical(@TempDir Path dir) throws Exception {
        Dataset<Row> train = frame(SQLDataTypes.VectorType(), vectorRows(800, 0));
        Dataset<Row> validation = frame(SQLDataTypes.VectorType(), vectorRows(200, 800));
        List<InternalRow> rows = trainingRows(train, validation);
        RowMaterializer inMemory = materializer(layout(train), 7, Long.MAX_VALUE, dir);
        inMemory.addAll(rows.iterator());
        RowMaterializer spilled = materializer(layout(train), 7, 7 * 4 * 50, dir); // 50 rows in memory
        spilled.addAll(rows.iterator());
        LabeledSamples a = inMemory.train();
        LabeledSamples b = spilled.train();
        assertFalse(inMemory.spilled());
        assertTrue(b.isBuffered() && spilled.spilled());
        assertSame(a, b);
        assertSame(inMemory.validation(), spilled.validation());
        assertEquals(800, a.size());
        for (int i = 0; i < 800; i++) {
            assertEquals(1 + i % 4, a.weights()[i], "the weight of row " + i);
        }
        assertEquals(200, inMemory.validation().size());
        assertEquals(0, Files.list(dir).count(), "the spill file is unlinked once mapped");
        assertThrows(IllegalStateException.class, b::features);
    }

    @Test
    void vectorsAndFloatAndDoubleArraysGiveTheSameBlock(@TempDir Path dir) {
        List<Row> vectors = vectorRows(20, 0);
        List<Row> floats = new ArrayList<>();
        List<Row> doubles = new ArrayList<>();
        for (Row r : vectors) {
            double[] v = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray();
            Float[] f = new Float[v.length];
            Double[] d = new Double[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
                d[i] = v[i];
            }
            floats.add(RowFactory.create(f, r.get(1), r.get(2)));
            doubles.add(RowFactory.create(d, r.get(1), r.get(2)));
        }
        LabeledSamples[] out = new LabeledSamples[3];
        int k = 0;
        for (Dataset<Row> df : List.of(
                frame(SQLDataTypes.VectorType(), vectors),
                frame(DataTypes.createArrayType(DataTypes.FloatType, false), floats),
                frame(DataTypes.createArrayType(DataTypes.DoubleType, true), doubles))) {
            RowMaterializer m = materializer(layout(df), 7, Long.MAX_VALUE, dir);
            m.addAll(trainingRows(df, null).iterator());
            out[k++] = m.train();
        }
        float[] expected = new float[7];
        double[] first = ((org.apache.spark.ml.linalg.Vector) vectors.get(0).get(0)).toArray();
        for (int i = 0; i < 7; i++) {
            expected[i] = (float) first[i];
        }
        float[] got = new float[7];
        out[0].copyFeatures(0, 1, got, 0);
        assertArrayEquals(expected, got);
        assertArrayEquals(new float[] {0, 1, 2, 0, 1}, java.util.Arrays.copyOf(out[0].labels(), 5));
        assertSame(out[0], out[1]);
        assertSame(out[0], out[2]);
    }

    @Test
    void badValuesAreCountedNotThrown(@TempDir Path dir) {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(new Double[] {0.5, Double.NaN, 0.0}, 1, 1.0)); // NaN
        rows.add(RowFactory.create(new Double[] {0.5, 1e300, 0.0}, 1, 1.0)); // beyond float
        rows.add(RowFactory.create(new Double[] {0.5, null, 0.0}, 1, 1.0)); // null element
        rows.add(RowFactory.create(new Double[] {0.5, 0.0}, 1, 1.0)); // too short
        rows.add(RowFactory.create(null, 1, 1.0)); // no features
        rows.add(RowFactory.create(new Double[] {0.5, 0.0, 0.0}, null, 1.0)); // no label
        rows.add(RowFactory.create(new Double[] {0.5, 0.0, 0.0}, 7, -2.0)); // class 7, negative weight
        rows.add(RowFactory.create(new Double[] {0.5, 0.0, 0.0}, 2, null)); // null weight
        rows.add(RowFactory.create(new Double[] {0.5, 0.0, 0.0}, 0, 1.0)); // fine
        Dataset<Row> df = frame(DataTypes.createArrayType(DataTypes.DoubleType, true), rows);
        InputAudit audit = new InputAudit(0, 1);
        RowMaterializer m = new RowMaterializer(layout(df), Shape.of(3), 1, true, Long.MAX_VALUE, dir, audit);
        m.addAll(trainingRows(df, null).iterator());
        assertEquals(9, audit.rows());
        assertEquals(2, audit.nonFiniteFeatures());
        assertEquals(1, audit.nullFeatureElements());
        assertEquals(1, audit.nullFeatures());
        assertEquals(2, audit.minFeatureSize());
        assertEquals(3, audit.maxFeatureSize());
        assertEquals(1, audit.nullLabels());
        assertEquals(0, audit.minLabel());
        assertEquals(7, audit.maxLabel());
        assertEquals(1, audit.invalidWeights());
        assertEquals(-2, audit.minWeight());
        assertFalse(audit.acceptable(3, 1, 3, 1));

        InputAudit back = InputAudit.decode(audit.encode());
        assertArrayEquals(audit.encode(), back.encode());
    }

    @Test
    void auditsExchangedOverTheRingMergeToTheSameVerdictOnEveryWorker() throws Exception {
        InputAudit a = new InputAudit(0, 2);
        InputAudit b = new InputAudit(1, 2);
        for (int i = 0; i < 10; i++) {
            a.row(true);
            a.featureSize(4);
            a.label(i % 3);
        }
        b.row(false);
        b.featureSize(4);
        b.label(1);
        InputAudit[] merged = exchange(a, b);
        assertArrayEquals(merged[0].encode(), merged[1].encode(), "every worker holds the same bits");
        assertArrayEquals(new long[] {10, 0}, merged[0].trainRowsPerWorker());
        assertEquals(11, merged[0].rows());
        assertEquals(0, merged[0].minLabel());
        assertEquals(2, merged[0].maxLabel());
        assertTrue(Double.isNaN(merged[0].minWeight()));
        assertFalse(merged[0].acceptable(4, 1, 3, 1), "worker 1 has no training rows");

        b.row(true);
        b.featureSize(4);
        b.label(2.5);
        merged = exchange(a, b);
        assertFalse(merged[1].acceptable(4, 1, 3, 8), "2.5 is no class index");
        assertTrue(merged[1].acceptable(4, 1, 0, 8), "a regression label");
        assertFalse(merged[1].acceptable(4, 1, 0, 12), "12 training rows are needed for the batch");
        assertFalse(merged[1].acceptable(5, 1, 0, 8), "4 features where 5 are expected");
        assertEquals(2.5, merged[0].minNonIntegerLabel());
    }

    private static InputAudit[] exchange(InputAudit a, InputAudit b) throws Exception {
        List<io.sparknn.distributed.collective.Collective> ring =
                io.sparknn.distributed.collective.InProcessCollective.group(2);
        java.util.concurrent.CompletableFuture<InputAudit> other =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> InputAudit.exchange(ring.get(1), b));
        InputAudit first = InputAudit.exchange(ring.get(0), a);
        return new InputAudit[] {first, other.get()};
    }
}
