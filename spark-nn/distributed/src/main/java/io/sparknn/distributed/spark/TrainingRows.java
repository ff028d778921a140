package io.sparknn.distributed.spark;

import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.REPARTITION_BY_NUM$;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the training stage reads: {@code (features, label, weight, isValidation, rowId)},
 * hash-partitioned into one partition per worker and sorted by the row id. The label is cast to
 * double (or array&lt;double&gt;) and the weight to float, so the workers read each with one typed
 * accessor of Spark's binary rows; features keep their type (see {@link Layout}).
 *
 * <p>A shuffle delivers a partition's rows in the order the map outputs arrive, which varies run
 * to run; sorting by a row id makes each worker's data, and so the training, reproducible, and
 * lets a retried stage resume exactly where the checkpoint left off. Hash-partitioning on that id
 * is deterministic by itself; a round-robin repartition would first sort every input partition by
 * whole-row content (sortBeforeRepartition), which for rows of hundreds of floats costs as much
 * as reading them.
 */
final class TrainingRows {
    private static final String ROW_ID = "__row";

    private final DistributedOptions options;

    TrainingRows(DistributedOptions options) {
        this.options = options;
    }

    /** How a features column is stored in Spark's binary rows. */
    enum FeatureKind {
        /** An ML Vector: struct(type, size, indices, values). */
        VECTOR,
        FLOATS,
        DOUBLES
    }

    /**
     * What the workers need to decode a row of {@link #of}: the features' storage, whether a
     * feature array may hold nulls, whether the label is an array.
     */
    record Layout(FeatureKind features, boolean featureNulls, boolean labelArray) {
        static Layout of(StructType schema, String featuresCol, String labelCol) {
            DataType f = schema.apply(featuresCol).dataType();
            FeatureKind kind;
            boolean nulls = false;
            if (f instanceof VectorUDT) {
                kind = FeatureKind.VECTOR;
            } else if (f instanceof ArrayType a && a.elementType().equals(DataTypes.FloatType)) {
                kind = FeatureKind.FLOATS;
                nulls = a.containsNull();
            } else if (f instanceof ArrayType a && a.elementType().equals(DataTypes.DoubleType)) {
                kind = FeatureKind.DOUBLES;
                nulls = a.containsNull();
            } else {
                throw new IllegalArgumentException("Column '" + featuresCol + "' has type " + f.simpleString()
                        + " but features must be an ML Vector or array<float>/array<double>. "
                        + "Use VectorAssembler to build a vector column.");
            }
            return new Layout(kind, nulls, schema.apply(labelCol).dataType() instanceof ArrayType);
        }
    }

    /** Training rows from one frame and validation rows from another (null for none). */
    Dataset<Row> of(Dataset<Row> train, Dataset<Row> validation) {
        Dataset<Row> rows = select(train, functions.lit(false));
        if (validation == null && alreadySpread(train)) {
            return rows.withColumn(ROW_ID, functions.monotonically_increasing_id());
        }
        if (validation != null) {
            rows = rows.union(select(validation, functions.lit(true)));
        }
        return partitioned(rows.withColumn(ROW_ID, functions.monotonically_increasing_id()));
    }

    /**
     * Rows of one frame whose boolean column {@code flagCol} marks the validation rows; rows whose
     * flag is null are neither.
     *
     * <p>The frame is split by the flag here and given to {@link #of}, rather than tagging each row
     * in one pass: the optimizer pushes such filters below a round-robin repartition of the input,
     * which changes which rows land in which input partition and so which worker trains on them.
     * Splitting keeps a run identical to one given the two frames.
     */
    Dataset<Row> flagged(Dataset<Row> df, String flagCol) {
        Column flag = functions.col(flagCol);
        if (alreadySpread(df)) {
            return select(df.filter(flag.isNotNull()), flag)
                    .withColumn(ROW_ID, functions.monotonically_increasing_id());
        }
        return of(df.filter(functions.not(flag)), df.filter(flag));
    }

    /**
     * Whether {@code df} already comes in one partition per worker, straight out of a shuffle with
     * a fixed partition count (the caller's {@code repartition(numWorkers)}, with or without
     * columns) under row-wise operators only. The training stage then reads those partitions as
     * they are: no second shuffle, no sort, and each worker's rows in a fixed order. Any other input
     * (a file scan, a join whose partitions adaptive execution may coalesce, a coalesce) is
     * shuffled, because a barrier stage must not share a stage with a different partition count.
     */
    boolean alreadySpread(Dataset<Row> df) {
        SparkPlan plan = df.queryExecution().sparkPlan();
        if (plan.outputPartitioning().numPartitions() != options.numWorkers()) {
            return false;
        }
        while (!(plan instanceof ShuffleExchangeExec) && plan.children().size() == 1) {
            plan = plan.children().head();
        }
        return plan instanceof ShuffleExchangeExec exchange
                && exchange.shuffleOrigin() == REPARTITION_BY_NUM$.MODULE$
                && exchange.outputPartitioning().numPartitions() == options.numWorkers();
    }

    /** @throws IllegalArgumentException naming the column when a frame lacks one */
    void checkColumns(Dataset<Row> df, String what, String flagCol) {
        List<String> cols = List.of(df.columns());
        for (String c : new String[] {options.featuresCol(), options.labelCol(), options.weightCol()}) {
            if (c != null && !cols.contains(c)) {
                throw new IllegalArgumentException(
                        "The " + what + " DataFrame has no column '" + c + "'. Its columns are " + cols
                                + ". Set the column names in DistributedOptions.withColumns(features, label, weight).");
            }
        }
        if (flagCol != null
                && (!cols.contains(flagCol) || !(df.schema().apply(flagCol).dataType() instanceof BooleanType))) {
            throw new IllegalArgumentException(
                    "The validation flag column '" + flagCol + "' must be a boolean column of the " + what
                            + " DataFrame; its columns are " + df.schema().simpleString() + ".");
        }
    }

    private Dataset<Row> select(Dataset<Row> df, Column isValidation) {
        Column weight = options.weightCol() != null
                ? functions.col(options.weightCol()).cast("float")
                : functions.lit(null).cast("float");
        Column label = functions.col(options.labelCol());
        boolean labelArray = df.schema().apply(options.labelCol()).dataType() instanceof ArrayType;
        return df.select(
                functions.col(options.featuresCol()),
                label.cast(labelArray ? "array<double>" : "double").as(options.labelCol()),
                weight.as("__weight"),
                isValidation.as("__validation"));
    }

    private Dataset<Row> partitioned(Dataset<Row> withIds) {
        return withIds.repartition(options.numWorkers(), functions.col(ROW_ID)).sortWithinPartitions(ROW_ID);
    }
}
