package io.sparknn.sparkio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.sparkio.compat.ScalaCollections;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FeatureReaderTest {
    private static final double[] VALUES = {0.5, -1.25, 0, 3};
    private static final float[] EXPECTED = {0.5f, -1.25f, 0f, 3f};

    /** A row whose field 1 is an array column, as Spark hands it over (a Scala Seq). */
    private static Row arrayRow(Object... elements) {
        return RowFactory.create("id", ScalaCollections.asScalaSeq(Arrays.asList(elements)));
    }

    private static float[] read(FeatureReader reader, Row row) {
        float[] out = new float[2 + VALUES.length];
        Arrays.fill(out, 9f);
        reader.read(row, 1, out, 1, 7);
        assertEquals(9f, out[0], "the reader wrote before its offset");
        assertEquals(9f, out[out.length - 1], "the reader wrote past its row");
        return Arrays.copyOfRange(out, 1, 1 + VALUES.length);
    }

    private static String error(FeatureReader reader, Row row) {
        return assertThrows(IllegalArgumentException.class, () -> read(reader, row))
                .getMessage();
    }

    @Test
    void vectorsAndArraysOfFloatOrDoubleGiveTheSameFloats() {
        FeatureReader reader = new FeatureReader("f", VALUES.length);
        assertArrayEquals(EXPECTED, read(reader, RowFactory.create("id", Vectors.dense(VALUES))));
        assertArrayEquals(
                EXPECTED,
                read(reader, RowFactory.create("id", Vectors.dense(VALUES).toSparse())));
        assertArrayEquals(EXPECTED, read(reader, arrayRow(0.5, -1.25, 0.0, 3.0)));
        assertArrayEquals(EXPECTED, read(reader, arrayRow(0.5f, -1.25f, 0f, 3f)));
    }

    @Test
    void aSparseVectorClearsThePositionsItDoesNotHold() {
        FeatureReader reader = new FeatureReader("f", 4);
        float[] out = {7, 7, 7, 7};
        reader.read(RowFactory.create(Vectors.sparse(4, new int[] {2}, new double[] {1.5})), 0, out, 0, 0);
        assertArrayEquals(new float[] {0, 0, 1.5f, 0}, out);
    }

    @Test
    void wrongLengthsNameTheColumnTheRowAndTheExpectedSize() {
        FeatureReader reader = new FeatureReader("pixels", 5);
        String expected =
                "Column 'pixels' has 4 values in row 7 but the network expects 5. Check the VectorAssembler inputs.";
        assertEquals(expected, error(reader, RowFactory.create("id", Vectors.dense(VALUES))));
        assertEquals(
                expected,
                error(reader, RowFactory.create("id", Vectors.dense(VALUES).toSparse())));
        assertEquals(expected, error(reader, arrayRow(0.5, -1.25, 0.0, 3.0)));
    }

    @Test
    void nullsAndNonFiniteValuesAreRejectedInEveryColumnType() {
        FeatureReader reader = new FeatureReader("f", 4);
        assertEquals(
                "Column 'f' is null in row 7. Remove or impute rows with missing features before scoring.",
                error(reader, RowFactory.create("id", null)));
        assertEquals(
                "Column 'f' has a null at position 2 in row 7. Impute missing values before scoring.",
                error(reader, arrayRow(1.0, 2.0, null, 4.0)));
        String nan = "Column 'f' has NaN at position 1 in row 7. Replace NaN/Infinity (or values beyond float range)"
                + " before scoring.";
        assertEquals(nan, error(reader, RowFactory.create("id", Vectors.dense(1, Double.NaN, 0, 0))));
        assertEquals(
                nan,
                error(
                        reader,
                        RowFactory.create(
                                "id", Vectors.dense(1, Double.NaN, 0, 0).toSparse())));
        assertEquals(nan, error(reader, arrayRow(1.0, Double.NaN, 0.0, 0.0)));
        // Finite as a double, infinite as the float the network computes in.
        assertTrue(error(reader, arrayRow(1.0, 2.0, 3.0, 1e300)).contains("has Infinity at position 3 in row 7"));
    }

    @Test
    void aValueOfAnotherTypeIsNamed() {
        assertEquals(
                "Column 'f' has a value of type java.lang.String in row 7 but features must be an ML Vector or"
                        + " array<float>/array<double>. Use VectorAssembler to build a vector column.",
                error(new FeatureReader("f", 4), RowFactory.create("id", "0.5,1,2,3")));
    }

    @Test
    void theFixNamesWhatTheFeaturesAreReadFor() {
        FeatureReader training = new FeatureReader("f", 4, "training");
        assertTrue(error(training, RowFactory.create("id", null)).endsWith("missing features before training."));
        assertTrue(error(training, arrayRow(Double.NaN, 0.0, 0.0, 0.0)).endsWith("float range) before training."));
    }

    @Test
    void theSchemaCheckNamesMissingColumnsAndUnusableTypes() {
        StructType schema = new StructType()
                .add("v", SQLDataTypes.VectorType())
                .add("a", DataTypes.createArrayType(DataTypes.FloatType))
                .add("s", DataTypes.StringType)
                .add("i", DataTypes.createArrayType(DataTypes.IntegerType));
        FeatureReader.check(schema, "v");
        FeatureReader.check(schema, "a");
        assertFalse(FeatureReader.accepts(DataTypes.createArrayType(DataTypes.IntegerType)));
        assertEquals(
                "Column 'x' does not exist. Available columns: " + List.of("v", "a", "s", "i")
                        + ". Set featuresCol to the column holding the features.",
                assertThrows(IllegalArgumentException.class, () -> FeatureReader.check(schema, "x"))
                        .getMessage());
        assertEquals(
                "Column 'i' has type array<int> but features must be an ML Vector or array<float>/array<double>. "
                        + "Use VectorAssembler to build a vector column.",
                assertThrows(IllegalArgumentException.class, () -> FeatureReader.check(schema, "i"))
                        .getMessage());
    }
}
