package io.sparknn.jobs.score;

import io.delta.tables.DeltaTable;
import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.delta.SchemaShape;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.io.JobFiles;
import java.util.Arrays;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before anything is scored, whether the score job may write its output table. It
 * refuses the input table itself, a path that holds something else than a Delta table, and an
 * existing table that is not a score table of the same columns, unless the user asked to replace
 * it ({@code --overwrite-foreign}). A score table is recognised by a marker in the field metadata
 * of its {@code model_path} column, which Delta keeps in the table schema, so it is written in the
 * same commit as the rows.
 */
final class ScoreTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreTarget.class);
    static final String MARKER = "sparknn.output";
    static final String SCORE = "score";

    private ScoreTarget() {}

    /** The metadata of the {@code model_path} column that marks a table as a score output. */
    static Metadata marker() {
        return new MetadataBuilder().putString(MARKER, SCORE).build();
    }

    static void check(
            SparkSession spark,
            JobFiles files,
            TableRef input,
            TableRef output,
            StructType rows,
            ScoreRequest request) {
        String inputLocation = location(spark, input);
        String outputLocation = location(spark, output);
        if (inputLocation != null && Objects.equals(normalized(inputLocation), normalized(outputLocation))) {
            String at = inputLocation.equals(input.name()) ? "" : " (" + inputLocation + ")";
            throw new ConfigException("--output '" + output.name() + "' is the --input table '" + input.name() + "'"
                    + at + ": scoring would replace the rows it reads. Write the scores to another table.");
        }
        StructType existing = existingSchema(spark, files, output);
        if (existing == null) {
            return;
        }
        String problem = null;
        if (!isScoreTable(existing)) {
            problem = "is an existing Delta table that spark-nn score did not write (its columns: "
                    + SchemaShape.describe(existing) + ")";
        } else if (!SchemaShape.same(existing, rows)) {
            problem = "is a score table with the columns " + SchemaShape.describe(existing) + ", but this run writes "
                    + SchemaShape.describe(rows) + " (another model or --keep-columns)";
        }
        if (problem == null) {
            return;
        }
        if (request.overwriteForeign()) {
            LOG.warn("--overwrite-foreign: replacing --output {}, which {}", output.name(), problem);
            return;
        }
        throw new ConfigException(
                "--output '" + output.name() + "' " + problem + ". Nothing was written. Choose another "
                        + "--output, or replace that table with --mode overwrite --overwrite-foreign.");
    }

    private static boolean isScoreTable(StructType schema) {
        return Arrays.stream(schema.fields())
                .anyMatch(f -> f.name().equals(ScoreJob.MODEL_PATH)
                        && f.metadata().contains(MARKER)
                        && SCORE.equals(f.metadata().getString(MARKER)));
    }

    /** The schema of the existing output table, or null when there is none yet. */
    private static StructType existingSchema(SparkSession spark, JobFiles files, TableRef output) {
        if (!output.isPath()) {
            return spark.catalog().tableExists(output.table())
                    ? spark.table(output.table()).schema()
                    : null;
        }
        if (!files.exists(output.path(), "--output")) {
            return null;
        }
        if (DeltaTable.isDeltaTable(spark, output.path())) {
            return DeltaTable.forPath(spark, output.path()).toDF().schema();
        }
        if (files.isEmptyDirectory(output.path(), "--output")) {
            return null;
        }
        throw new ConfigException("--output '" + output.path() + "' exists and is not a Delta table (no _delta_log): "
                + "writing there would mix a Delta table into other files. Nothing was written. Choose a new path or an "
                + "existing score table for --output.");
    }

    /** Where a table's files are: its path, or a catalog table's location (null if it does not exist). */
    private static String location(SparkSession spark, TableRef ref) {
        if (ref.isPath()) {
            return ref.path();
        }
        if (!spark.catalog().tableExists(ref.table())) {
            return null;
        }
        try {
            return DeltaTable.forName(spark, ref.table())
                    .detail()
                    .select("location")
                    .first()
                    .getString(0);
        } catch (RuntimeException e) {
            return null; // not a Delta table: reading or writing it fails later with its own message
        }
    }

    private static String normalized(String location) {
        return location == null
                ? null
                : new Path(location).toUri().normalize().toString().replaceAll("/+$", "");
    }
}
