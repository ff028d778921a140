package io.sparknn.jobs.metrics;

import io.delta.tables.DeltaTable;
import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.delta.DeltaSink;
import io.sparknn.jobs.delta.SchemaShape;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.io.JobFiles;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Delta table with one row per job run (model path, the Delta table and version trained on,
 * params, metrics), so runs can be compared with SQL. Each run is one append transaction.
 */
public final class MetricsTable {
    public static final StructType SCHEMA = new StructType()
            .add("job", DataTypes.StringType, false)
            .add("name", DataTypes.StringType)
            .add("started_at", DataTypes.TimestampType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("model_path", DataTypes.StringType, false)
            .add("input_table", DataTypes.StringType)
            .add("input_version", DataTypes.LongType)
            .add("params", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType));

    private final SparkSession spark;

    public MetricsTable(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Refuses, before training, a metrics table the run's row cannot go to: an existing path that
     * is not a Delta table, or a Delta table whose columns differ from {@link #SCHEMA}.
     */
    public void checkAccepts(String pathOrName, JobFiles files) {
        TableRef ref = TableRef.parse(pathOrName);
        StructType existing;
        if (ref.isPath()) {
            String path = files.qualify(ref.path(), "output.metricsTable");
            if (!files.exists(path, "output.metricsTable")) {
                return;
            }
            if (!DeltaTable.isDeltaTable(spark, path)) {
                throw new ConfigException(
                        "output.metricsTable '" + pathOrName + "' exists and is not a Delta table: the "
                                + "run would write a Delta log into it. Choose a new path or an existing metrics table.");
            }
            existing = DeltaTable.forPath(spark, path).toDF().schema();
        } else if (spark.catalog().tableExists(ref.table())) {
            existing = spark.table(ref.table()).schema();
        } else {
            return;
        }
        if (!SchemaShape.same(existing, SCHEMA)) {
            throw new ConfigException("output.metricsTable '" + pathOrName + "' has the columns "
                    + SchemaShape.describe(existing) + ", but a metrics row has " + SchemaShape.describe(SCHEMA)
                    + ". Choose another output.metricsTable (it is created on first use).");
        }
    }

    /** Appends the run's row to the table at {@code pathOrName} (created on first use). */
    public DeltaSink.Written append(String pathOrName, RunMetrics run) {
        Map<String, Double> finite = new TreeMap<>();
        run.metrics().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        Row row = RowFactory.create(
                run.job(),
                run.name(),
                Timestamp.from(run.startedAt()),
                run.seconds(),
                run.modelPath(),
                run.input() == null ? null : run.input().table(),
                run.input() == null ? null : run.input().version(),
                run.params() == null ? Map.of() : run.params(),
                finite);
        return new DeltaSink(spark)
                .write(
                        spark.createDataFrame(List.of(row), SCHEMA),
                        TableRef.parse(pathOrName),
                        DeltaSink.Mode.APPEND,
                        null,
                        null,
                        0,
                        false);
    }
}
