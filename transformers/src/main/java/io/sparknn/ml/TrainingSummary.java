package io.sparknn.ml;

import io.sparknn.train.EpochStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a fitted model knows about its training: the per-epoch history and the provenance of its
 * data (for example a Delta table's path and version), as given by the caller.
 */
public final class TrainingSummary {
    private final List<EpochStats> history;
    private final Map<String, String> provenance;

    public TrainingSummary(List<EpochStats> history, Map<String, String> provenance) {
        this.history = Collections.unmodifiableList(new ArrayList<>(history));
        this.provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }

    public static TrainingSummary empty() {
        return new TrainingSummary(List.of(), Map.of());
    }

    /** One entry per epoch, first epoch first. */
    public List<EpochStats> history() {
        return history;
    }

    public Map<String, String> provenance() {
        return provenance;
    }

    /** The history as a DataFrame with one row per epoch. */
    public Dataset<Row> historyFrame(SparkSession spark) {
        StructType schema = new StructType()
                .add("epoch", DataTypes.IntegerType)
                .add("loss", DataTypes.DoubleType)
                .add("accuracy", DataTypes.DoubleType)
                .add("validationLoss", DataTypes.DoubleType)
                .add("validationAccuracy", DataTypes.DoubleType)
                .add("samples", DataTypes.LongType)
                .add("seconds", DataTypes.DoubleType)
                .add("samplesPerSecond", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (EpochStats e : history) {
            rows.add(RowFactory.create(
                    e.epoch(),
                    e.loss(),
                    e.accuracy(),
                    e.validationLoss(),
                    e.validationAccuracy(),
                    e.samples(),
                    e.seconds(),
                    e.samplesPerSecond()));
        }
        return spark.createDataFrame(rows, schema);
    }
}
