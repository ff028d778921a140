package io.sparknn.jobs.delta;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;

/**
 * A column by its exact name. Spark's {@code col("a.b")} means field {@code b} of a struct
 * {@code a}; quoted, a column literally named {@code a.b} (or with other special characters)
 * is found as the user wrote it.
 */
public final class ColumnName {
    private ColumnName() {}

    public static Column of(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }
}
