package io.sparknn.jobs.cli;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.JobSpark;
import io.sparknn.jobs.delta.DeltaSink;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.score.ScoreJob;
import io.sparknn.jobs.score.ScoreRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code score --model DIR --input TABLE --output TABLE [--mode ...] ...}. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores one pinned version of a Delta table with a saved PipelineModel and writes the kept input "
                    + "columns, the prediction (and probability as array<double> for classifiers), model_path and "
                    + "input_version to a Delta table in ONE transaction: a killed run leaves the output unchanged, and "
                    + "re-running the same command gives the same content.",
            "The last line on stdout is the --summary-out JSON path when given, else the output as TABLE@vVERSION."
        })
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    ModelInputOptions in;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "TABLE",
            description = "output Delta table: a path or URI, or a catalog table name (created if missing)")
    String output;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "overwrite",
            converter = ModeConverter.class,
            description = "overwrite (default), append (idempotent: the same model, input, output and filter at one "
                    + "input version is appended once) or replace-where (replaces the rows matching --replace-where)")
    DeltaSink.Mode mode;

    @Option(
            names = "--replace-where",
            paramLabel = "SQL",
            description =
                    "with --mode replace-where: the SQL predicate of the output rows to replace; every new row must "
                            + "match it")
    String replaceWhere;

    @Option(
            names = "--keep-columns",
            split = ",",
            paramLabel = "COL",
            description = "input columns to carry into the output (default: all), e.g. id,label")
    List<String> keepColumns;

    @Option(
            names = "--summary-out",
            paramLabel = "FILE",
            description = "also write a JSON summary (model, input table and version, output table and version, rows) "
                    + "here, atomically; any Hadoop FS URI")
    String summaryOut;

    @Option(
            names = "--overwrite-foreign",
            description =
                    "with --mode overwrite: replace an existing --output table that is not a spark-nn score "
                            + "table or has other columns (refused without this flag; the table's data and schema are replaced)")
    boolean overwriteForeign;

    @Override
    public Integer call() {
        // Every check that needs no data runs here, before a SparkSession is started.
        ScoreRequest request = new ScoreRequest(
                in.model,
                in.inputRef(),
                TableRef.parse(output),
                mode,
                replaceWhere,
                keepColumns,
                summaryOut,
                overwriteForeign);
        SparkSession spark = JobSpark.session("spark-nn score " + in.input + " -> " + output, Map.of());
        ScoreJob.Result r = new ScoreJob(spark).run(request);
        Printer.score(r);
        return 0;
    }

    /** Reports an unknown mode with the accepted ones (a usage error, exit code 2). */
    static final class ModeConverter implements CommandLine.ITypeConverter<DeltaSink.Mode> {
        @Override
        public DeltaSink.Mode convert(String value) {
            try {
                return DeltaSink.Mode.parse(value);
            } catch (ConfigException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
