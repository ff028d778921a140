package io.sparknn.jobs.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_timestamp;

import io.delta.tables.DeltaTable;
import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.FailureCause;
import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.JobException;
import io.sparknn.jobs.io.FileSystemFailure;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Reads a Delta table as one pinned snapshot: the version is resolved first (the latest, or the
 * one {@code versionAsOf}/{@code timestampAsOf} names) and the rows are read at exactly that
 * version, so the provenance recorded with a model is the data it saw even while writers append.
 */
public final class DeltaSource {
    private final SparkSession spark;

    public DeltaSource(SparkSession spark) {
        this.spark = spark;
    }

    /** The rows and their provenance; {@code key} names the config entry in messages. */
    public record Loaded(Dataset<Row> rows, TableProvenance provenance) {}

    public Loaded read(TableRef ref, String key) {
        List<String> problems = ref.problems(key);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
        DeltaTable table = open(ref, key);
        long version = resolveVersion(table, ref, key);
        Dataset<Row> rows;
        try {
            rows = (ref.isPath()
                    ? spark.read()
                            .format("delta")
                            .option("versionAsOf", version)
                            .load(ref.path())
                    : spark.read().option("versionAsOf", version).table(ref.table()));
        } catch (Exception e) { // Spark's AnalysisException is checked in Java terms
            throw new InputDataException(
                    "Cannot read version " + version + " of Delta table '" + ref.name() + "' (" + key + "): "
                            + FailureCause.of(e),
                    e);
        }
        if (ref.filter() != null && !ref.filter().isBlank()) {
            try {
                rows = rows.where(ref.filter());
                rows.schema();
            } catch (Exception e) {
                throw new ConfigException(
                        key + ".filter '" + ref.filter() + "' is not a valid SQL predicate on table '" + ref.name()
                                + "' (columns " + Arrays.toString(rows.columns()) + "): " + FailureCause.of(e),
                        e);
            }
        }
        if (ref.columns() != null) {
            List<String> available = Arrays.asList(rows.columns());
            for (String c : ref.columns()) {
                if (!available.contains(c)) {
                    throw new InputDataException(
                            "Column '" + c + "' listed in " + key + ".columns is not in Delta table '"
                                    + ref.name() + "' version " + version + " (columns " + available + "). Fix " + key
                                    + ".columns or the table.");
                }
            }
            rows = rows.select(ref.columns().stream().map(ColumnName::of).toArray(Column[]::new));
        }
        return new Loaded(rows, new TableProvenance(ref.name(), version, blankToNull(ref.filter())));
    }

    private DeltaTable open(TableRef ref, String key) {
        if (ref.isPath()) {
            boolean isDelta;
            try {
                isDelta = DeltaTable.isDeltaTable(spark, ref.path());
            } catch (Exception e) {
                RuntimeException reach = FileSystemFailure.of(ref.path(), key + ".path", e);
                throw reach instanceof JobException
                        ? reach
                        : new InputDataException(
                                "Cannot access '" + ref.path() + "' (" + key + ".path): " + FailureCause.of(e), e);
            }
            if (!isDelta) {
                throw new InputDataException("'" + ref.path() + "' (" + key + ".path) is not a Delta table: it has no "
                        + "_delta_log. Check the path, or convert Parquet data with CONVERT TO DELTA.");
            }
            return DeltaTable.forPath(spark, ref.path());
        }
        try {
            return DeltaTable.forName(spark, ref.table());
        } catch (Exception e) {
            throw new InputDataException(
                    "Catalog table '" + ref.table() + "' (" + key + ".table) is not a Delta table "
                            + "or does not exist: " + FailureCause.of(e),
                    e);
        }
    }

    private long resolveVersion(DeltaTable table, TableRef ref, String key) {
        if (ref.versionAsOf() == null && ref.timestampAsOf() == null) {
            // From the table's log, as Delta itself resolves the latest snapshot: table.history()
            // would run two Spark jobs over the commit files for the same number.
            return table.deltaLog()
                    .update(false, Option.empty(), Option.empty())
                    .version();
        }
        Dataset<Row> history = table.history().select(col("version"), col("timestamp"));
        if (ref.versionAsOf() != null) {
            long v = ref.versionAsOf();
            if (history.where(col("version").equalTo(v)).isEmpty()) {
                throw new InputDataException(key + ".versionAsOf " + v + " does not exist in Delta table '" + ref.name()
                        + "' (latest version " + latest(history) + "; older versions may have been vacuumed).");
            }
            return v;
        }
        if (ref.timestampAsOf() != null) {
            Column at = to_timestamp(lit(ref.timestampAsOf()));
            if (spark.range(1).select(at).first().isNullAt(0)) {
                throw new ConfigException(key + ".timestampAsOf '" + ref.timestampAsOf() + "' is not a timestamp: "
                        + "use e.g. '2026-12-01' or '2026-12-01 13:45:00'.");
            }
            Row last = history.orderBy(col("version").desc())
                    .select(
                            col("version"),
                            col("timestamp").cast("string"),
                            col("timestamp").lt(at))
                    .first();
            if (last.getBoolean(2)) {
                // Delta itself refuses a timestamp after the last commit rather than read the latest
                // version, which a later commit would change: the pinned read would not be reproducible.
                throw new InputDataException(key + ".timestampAsOf '" + ref.timestampAsOf() + "' is after the latest "
                        + "commit of Delta table '" + ref.name() + "' (version " + last.getLong(0) + " at "
                        + last.getString(1)
                        + "). Give a timestamp up to that commit, or versionAsOf to pin a version.");
            }
            List<Row> before = history.where(col("timestamp").leq(at))
                    .orderBy(col("version").desc())
                    .limit(1)
                    .collectAsList();
            if (before.isEmpty()) {
                throw new InputDataException(key + ".timestampAsOf '" + ref.timestampAsOf() + "' is before the first "
                        + "commit of Delta table '" + ref.name() + "'.");
            }
            return before.get(0).getLong(0);
        }
        throw new IllegalStateException("unreachable: neither versionAsOf nor timestampAsOf is set");
    }

    private static long latest(Dataset<Row> history) {
        return history.agg(max("version")).first().getLong(0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
