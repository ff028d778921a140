package io.sparknn.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.LabeledSamples;
import io.sparknn.sparkio.compat.ScalaCollections;
import io.sparknn.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowMaterializerTest {

    private static List<Row> rows(int n, boolean validationEvery5th) {
        SplittableRandom rng = new SplittableRandom(1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[7];
            for (int j = 0; j < 7; j++) {
                x[j] = rng.nextDouble(-1, 1);
            }
            Object features = i % 2 == 0 ? Vectors.dense(x) : Vectors.dense(x).toSparse();
            rows.add(RowFactory.create(
                    features, (double) (i % 3), (float) (1 + i % 4), validationEvery5th && i % 5 == 0));
        }
        return rows;
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
        RowMaterializer inMemory = new RowMaterializer("features", Shape.of(7), 1, true, Long.MAX_VALUE, dir);
        inMemory.addAll(rows(1000, true).iterator());
        RowMaterializer spilled =
                new RowMaterializer("features", Shape.of(7), 1, true, 7 * 4 * 50, dir); // 50 rows in memory
        spilled.addAll(rows(1000, true).iterator());
        LabeledSamples a = inMemory.train();
        LabeledSamples b = spilled.train();
        assertFalse(a.isBuffered());
        assertTrue(b.isBuffered() && spilled.spilled());
        assertSame(a, b);
        assertSame(inMemory.validation(), spilled.validation());
        assertEquals(800, a.size());
        assertEquals(0, Files.list(dir).count(), "the spill file is unlinked once mapped");
        assertThrows(IllegalStateException.class, b::features);
    }

    @Test
    void wrongLengthsAndTypesAreNamed(@TempDir Path dir) {
        RowMaterializer m = new RowMaterializer("features", Shape.of(8), 1, false, Long.MAX_VALUE, dir);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> m.addAll(rows(3, false).iterator()));
        assertTrue(
                e.getMessage().contains("Column 'features' has 7 values in row 0 but the network expects 8"),
                e.getMessage());
    }

    /** Training reads array columns as Spark hands them over (a Scala Seq), like scoring does. */
    private static Row arrayRow(Object... features) {
        return RowFactory.create(ScalaCollections.asScalaSeq(List.of(features)), 1.0, null, false);
    }

    @Test
    void arrayColumnsGiveTheSameFeaturesAsVectors(@TempDir Path dir) {
        RowMaterializer vectors = new RowMaterializer("features", Shape.of(3), 1, false, Long.MAX_VALUE, dir);
        vectors.addAll(List.of(RowFactory.create(Vectors.dense(0.5, -2, 0), 1.0, null, false))
                .iterator());
        RowMaterializer floats = new RowMaterializer("features", Shape.of(3), 1, false, Long.MAX_VALUE, dir);
        floats.addAll(List.of(arrayRow(0.5f, -2f, 0f)).iterator());
        RowMaterializer doubles = new RowMaterializer("features", Shape.of(3), 1, false, Long.MAX_VALUE, dir);
        doubles.addAll(List.of(arrayRow(0.5, -2.0, 0.0)).iterator());
        assertArrayEquals(new float[] {0.5f, -2f, 0f}, vectors.train().features());
        assertSame(vectors.train(), floats.train());
        assertSame(vectors.train(), doubles.train());
    }

    @Test
    void nonFiniteFeaturesAreRejectedNamingTheColumn(@TempDir Path dir) {
        RowMaterializer m = new RowMaterializer("pixels", Shape.of(3), 1, false, Long.MAX_VALUE, dir);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> m.addAll(List.of(arrayRow(0.5, Double.NaN, 0.0)).iterator()));
        assertEquals(
                "Column 'pixels' has NaN at position 1 in row 0. Replace NaN/Infinity (or values beyond float range)"
                        + " before training.",
                e.getMessage());
    }
}
