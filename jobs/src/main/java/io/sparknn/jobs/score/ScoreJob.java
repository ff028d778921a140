package io.sparknn.jobs.score;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.delta.ColumnName;
import io.sparknn.jobs.delta.DeltaSink;
import io.sparknn.jobs.delta.DeltaSource;
import io.sparknn.jobs.delta.TableProvenance;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.io.OutputKind;
import io.sparknn.jobs.model.ModelDigest;
import io.sparknn.jobs.model.SavedPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The score job. Output columns: the kept input columns, the model's prediction column, its
 * probability column for classifiers, then {@code model_path} and {@code input_version}.
 * Vector columns the model adds are written as {@code array<double>} so that any Delta reader
 * (Python, SQL, Delta Kernel) can use them; the raw prediction (logits) is not written, since
 * probability carries the same ranking in a form readers can use directly. Nothing in a row
 * depends on the time of the run, so re-running the same command writes the same content.
 */
public final class ScoreJob {
    public static final String MODEL_PATH = "model_path";
    public static final String INPUT_VERSION = "input_version";
    private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

    private final SparkSession spark;

    public ScoreJob(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * What a run did. {@code rowsWritten} is Delta's count for the commit; {@code skipped} is true
     * when an append of the same (model, input, output, filter) at this input version was already
     * committed, so Delta wrote nothing.
     */
    public record Result(
            String modelPath,
            TableProvenance input,
            DeltaSink.Written output,
            DeltaSink.Mode mode,
            long rowsWritten,
            boolean skipped,
            List<String> columns,
            String summaryPath,
            Instant startedAt,
            double seconds) {}

    public Result run(ScoreRequest request) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        JobFiles files = new JobFiles(spark.sparkContext().hadoopConfiguration());
        SavedPipeline model = SavedPipeline.load(files, request.model(), "--model");
        TableRef inputRef = qualified(files, request.input(), "--input");
        TableRef outputRef = qualified(files, request.output(), "--output");
        String summaryPath = request.summaryOut() == null ? null : files.qualify(request.summaryOut(), "--summary-out");
        if (summaryPath != null) {
            files.checkReplaceable(summaryPath, OutputKind.SCORE_SUMMARY, "--summary-out");
        }
        DeltaSource.Loaded input = new DeltaSource(spark).read(inputRef, "input");
        String where = "input table '" + input.provenance().table() + "' version "
                + input.provenance().version();
        model.checkInput(input.rows().schema(), where);

        List<String> added = addedColumns(model);
        List<String> keep = keptColumns(request.keepColumns(), input.rows().columns(), added, where);
        Dataset<Row> scored = scoredRows(model, input, keep, added);
        ScoreTarget.check(spark, files, inputRef, outputRef, scored.schema(), request);

        String appId = request.mode() == DeltaSink.Mode.APPEND
                ? appendId(
                        model.path(),
                        ModelDigest.of(spark.sparkContext().hadoopConfiguration(), model.path()),
                        input.provenance(),
                        outputRef)
                : null;
        Long before = currentVersion(outputRef);
        LOG.info("Scoring {} with {} into {} ({})", where, model.path(), outputRef.name(), request.mode());
        DeltaSink.Written written = new DeltaSink(spark)
                .write(
                        scored,
                        outputRef,
                        request.mode(),
                        request.replaceWhere(),
                        appId,
                        input.provenance().version(),
                        request.overwriteForeign());
        // An idempotent append that was already committed makes no new version: Delta skipped it. (Only
        // the summary relies on this; a concurrent writer's commit in between would merely hide the skip.)
        boolean skipped = request.mode() == DeltaSink.Mode.APPEND && before != null && before == written.version();
        long rows = skipped ? 0 : rowsWritten(outputRef, written.version());

        Result result = new Result(
                model.path(),
                input.provenance(),
                written,
                request.mode(),
                rows,
                skipped,
                Arrays.asList(scored.columns()),
                summaryPath,
                startedAt,
                (System.nanoTime() - start) / 1e9);
        if (summaryPath != null) {
            files.writeText(summaryPath, ScoreSummary.toJson(result), OutputKind.SCORE_SUMMARY, "--summary-out");
        }
        return result;
    }

    /** The prediction column and, for classifiers, the probability column: what scoring adds. */
    private static List<String> addedColumns(SavedPipeline model) {
        List<String> added = new ArrayList<>();
        String prediction = model.networkColumn("predictionCol");
        if (prediction == null) {
            throw new InputDataException(
                    "Model '" + model.path() + "' has an empty predictionCol, so scoring would add "
                            + "no prediction. Retrain with a predictionCol.");
        }
        added.add(prediction);
        String probability = model.networkColumn("probabilityCol");
        if (probability != null) {
            added.add(probability);
        }
        return added;
    }

    private static List<String> keptColumns(
            List<String> requested, String[] inputColumns, List<String> added, String where) {
        List<String> available = Arrays.asList(inputColumns);
        List<String> keep = requested == null ? available : requested;
        List<String> reserved = new ArrayList<>(added);
        reserved.add(MODEL_PATH);
        reserved.add(INPUT_VERSION);
        for (String c : keep) {
            if (requested != null && !available.contains(c)) {
                throw new InputDataException("--keep-columns names '" + c + "', which is not in " + where + " (columns "
                        + available + "). Fix --keep-columns.");
            }
            if (reserved.contains(c)) {
                String fix = requested == null
                        ? "List the columns to keep with --keep-columns, leaving '" + c + "' out."
                        : "Leave '" + c + "' out of --keep-columns.";
                throw new ConfigException(
                        "Column '" + c + "' of " + where + " would clash with the score output column '" + c
                                + "' (the output adds " + reserved + "). " + fix);
            }
        }
        return keep;
    }

    /**
     * Only the kept columns and those the model reads go through the model, so wide input
     * tables do not carry unused columns through scoring; vectors become arrays on the way out.
     */
    private static Dataset<Row> scoredRows(
            SavedPipeline model, DeltaSource.Loaded input, List<String> keep, List<String> added) {
        Set<String> through = new LinkedHashSet<>(keep);
        through.addAll(model.inputColumns());
        Dataset<Row> in =
                input.rows().select(through.stream().map(ColumnName::of).toArray(Column[]::new));
        Dataset<Row> out = model.pipeline().transform(in);
        List<Column> select = new ArrayList<>();
        keep.forEach(c -> select.add(ColumnName.of(c)));
        for (String c : added) {
            boolean vector = out.schema().apply(c).dataType() instanceof VectorUDT;
            select.add(vector ? vector_to_array(ColumnName.of(c), "float64").as(c) : ColumnName.of(c));
        }
        select.add(lit(model.path()).as(MODEL_PATH, ScoreTarget.marker()));
        select.add(lit(input.provenance().version()).as(INPUT_VERSION));
        return out.select(select.toArray(Column[]::new));
    }

    /**
     * Delta's txnAppId for appends: the same model, input table, output table and filter always
     * give the same id, and the input version is the txnVersion, so appending the same input
     * version again is a no-op while a newer input version is written. The model is identified
     * by its content as well as its path: a model trained again at the same path writes its
     * predictions, and the path stays in the key because every row carries it (model_path).
     */
    static String appendId(String modelPath, String modelDigest, TableProvenance input, TableRef output) {
        String key =
                String.join("\n", modelPath, modelDigest, input.table(), output.name(), String.valueOf(input.filter()));
        return "spark-nn-score-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private TableRef qualified(JobFiles files, TableRef ref, String option) {
        return ref.isPath() ? ref.withPath(files.qualify(ref.path(), option)) : ref;
    }

    /** The output table's latest version, or null when it does not exist yet. */
    private Long currentVersion(TableRef ref) {
        DeltaTable table = existing(ref);
        return table == null ? null : table.history(1).select("version").first().getLong(0);
    }

    private long rowsWritten(TableRef ref, long version) {
        DeltaTable table = existing(ref);
        List<Row> h = table.history()
                .where(col("version").equalTo(version))
                .select(col("operationMetrics").getItem("numOutputRows"))
                .collectAsList();
        return h.isEmpty() || h.get(0).isNullAt(0)
                ? -1
                : Long.parseLong(h.get(0).getString(0));
    }

    private DeltaTable existing(TableRef ref) {
        if (ref.isPath()) {
            return DeltaTable.isDeltaTable(spark, ref.path()) ? DeltaTable.forPath(spark, ref.path()) : null;
        }
        return spark.catalog().tableExists(ref.table()) ? DeltaTable.forName(spark, ref.table()) : null;
    }
}
