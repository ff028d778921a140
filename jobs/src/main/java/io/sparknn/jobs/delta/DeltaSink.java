package io.sparknn.jobs.delta;

import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.FailureCause;
import io.sparknn.jobs.InputDataException;
import java.util.Locale;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a DataFrame to a Delta table (path or catalog name) as ONE Delta transaction, so a job
 * killed midway leaves the table at its previous version. Appends carry Delta's idempotent-write
 * options ({@code txnAppId}, {@code txnVersion}): re-running the same append is a no-op.
 */
public final class DeltaSink {
    /** How the output table changes. */
    public enum Mode {
        /** Replace the whole table (and, when asked, its schema). */
        OVERWRITE,
        /** Add rows; the same (appId, txnVersion) is written at most once. */
        APPEND,
        /** Replace only the rows matching a predicate; the new rows must match it too. */
        REPLACE_WHERE;

        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("Unknown write mode '" + s + "': use overwrite, append or replace-where.");
            }
        }
    }

    /** The table written and its version after the write. */
    public record Written(String table, long version) {}

    private final SparkSession spark;

    public DeltaSink(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param replaceWhere the predicate for {@link Mode#REPLACE_WHERE}, else ignored
     * @param txnAppId     identifies the writer for idempotent appends (e.g. a hash of job inputs);
     *                     null for a plain append
     * @param txnVersion   increases with each distinct append of that writer (e.g. the input version)
     * @param replaceSchema with {@link Mode#OVERWRITE}: let the rows' schema replace the table's; else
     *                      Delta refuses rows whose schema differs from the table's
     */
    public Written write(
            Dataset<Row> rows,
            TableRef target,
            Mode mode,
            String replaceWhere,
            String txnAppId,
            long txnVersion,
            boolean replaceSchema) {
        DataFrameWriter<Row> w = rows.write().format("delta");
        switch (mode) {
            case OVERWRITE -> w = w.mode(SaveMode.Overwrite).option("overwriteSchema", Boolean.toString(replaceSchema));
            case APPEND -> {
                w = w.mode(SaveMode.Append);
                if (txnAppId != null) {
                    w = w.option("txnAppId", txnAppId).option("txnVersion", txnVersion);
                }
            }
            case REPLACE_WHERE -> {
                if (replaceWhere == null || replaceWhere.isBlank()) {
                    throw new ConfigException(
                            "Mode replace-where needs a predicate: add --replace-where \"<SQL predicate>\", "
                                    + "e.g. --replace-where \"day = '2026-12-01'\".");
                }
                w = w.mode(SaveMode.Overwrite).option("replaceWhere", replaceWhere);
            }
            default -> throw new AssertionError(mode);
        }
        try {
            if (target.isPath()) {
                w.save(target.path());
            } else {
                w.saveAsTable(target.table());
            }
        } catch (Exception e) {
            // Exception, not RuntimeException: Delta throws AnalysisException (checked in Java terms) from Scala,
            // e.g. DELTA_REPLACE_WHERE_MISMATCH when written rows fall outside the replaceWhere predicate.
            String hint = mode == Mode.REPLACE_WHERE
                    ? " With replace-where every written row must match '" + replaceWhere
                            + "': read the input with the same predicate."
                    : "";
            throw new InputDataException(
                    "Writing Delta table '" + target.name() + "' ("
                            + mode.name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + ") failed; the table is unchanged: " + FailureCause.of(e) + hint,
                    e);
        }
        DeltaTable table =
                target.isPath() ? DeltaTable.forPath(spark, target.path()) : DeltaTable.forName(spark, target.table());
        long version = table.history().agg(max("version")).first().getLong(0);
        return new Written(target.name(), version);
    }
}
