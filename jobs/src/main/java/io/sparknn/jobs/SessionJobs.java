package io.sparknn.jobs;

import io.sparknn.jobs.config.ConfigLoader;
import io.sparknn.jobs.config.TrainConfig;
import io.sparknn.jobs.delta.DeltaSink;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.evaluate.EvaluateJob;
import io.sparknn.jobs.score.ScoreJob;
import io.sparknn.jobs.score.ScoreRequest;
import io.sparknn.jobs.score.ScoreSummary;
import io.sparknn.jobs.train.TrainJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The train, score and evaluate jobs in a SparkSession that is already running (a notebook's, or
 * the Python package's {@code sparknn.jobs}), instead of one the command line starts. Each takes
 * what the command line takes and returns the JSON the command leaves for Airflow: the metrics
 * JSON of train and evaluate as written, the score summary of score. Failures are the jobs' own
 * exceptions ({@link JobException} subclasses with their messages); no exit codes here.
 */
public final class SessionJobs {
    private SessionJobs() {}

    /**
     * Runs the train job on a config given as YAML (or JSON) text.
     *
     * @param source names the config in messages, e.g. its file
     * @param overrides {@code key=value} settings applied over the config, as {@code --set}
     */
    public static String train(SparkSession spark, String source, String yaml, List<String> overrides) {
        TrainConfig config = ConfigLoader.loadTrain(source, yaml, overrides == null ? List.of() : overrides);
        TrainJob.Result r = new TrainJob(spark).run(config);
        return readText(spark, r.metricsPath());
    }

    /** Runs the score job; null arguments mean the command line's defaults. */
    public static String score(
            SparkSession spark,
            String model,
            String input,
            Long inputVersion,
            String inputFilter,
            String output,
            String mode,
            String replaceWhere,
            List<String> keepColumns,
            String summaryOut,
            boolean overwriteForeign) {
        ScoreRequest request = new ScoreRequest(
                model,
                inputRef(input, inputVersion, inputFilter),
                TableRef.parse(output),
                DeltaSink.Mode.parse(mode == null ? "overwrite" : mode),
                replaceWhere,
                keepColumns,
                summaryOut,
                overwriteForeign);
        return ScoreSummary.toJson(new ScoreJob(spark).run(request));
    }

    /** Runs the evaluate job; {@code output} null writes {@code <model>.evaluation.json}. */
    public static String evaluate(
            SparkSession spark, String model, String input, Long inputVersion, String inputFilter, String output) {
        EvaluateJob.Result r = new EvaluateJob(spark).run(model, inputRef(input, inputVersion, inputFilter), output);
        return readText(spark, r.metricsPath());
    }

    private static TableRef inputRef(String input, Long version, String filter) {
        TableRef ref = TableRef.parse(input);
        return new TableRef(ref.path(), ref.table(), version, null, filter, null);
    }

    private static String readText(SparkSession spark, String uri) {
        try {
            FileSystem fs = FileSystem.get(URI.create(uri), spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(new Path(uri))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The job wrote " + uri + " but it cannot be read back: " + e.getMessage(), e);
        }
    }
}
