package io.sparknn.jobs.delta;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares table schemas by what a writer cares about, column names and types in order,
 * ignoring nullability and field metadata (which Delta may relax or add on its own).
 */
public final class SchemaShape {
    private SchemaShape() {}

    public static boolean same(StructType a, StructType b) {
        return describe(a).equals(describe(b));
    }

    /** e.g. {@code [id bigint, prediction double]}. */
    public static String describe(StructType schema) {
        return Arrays.stream(schema.fields()).map(SchemaShape::field).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String field(StructField f) {
        return f.name() + " " + f.dataType().simpleString();
    }
}
