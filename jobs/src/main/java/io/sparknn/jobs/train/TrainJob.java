package io.sparknn.jobs.train;

import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparknn.distributed.spark.TrainingSetupException;
import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.config.TrainConfig;
import io.sparknn.jobs.delta.DeltaSource;
import io.sparknn.jobs.delta.TableProvenance;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.io.OutputKind;
import io.sparknn.jobs.io.Publication;
import io.sparknn.jobs.metrics.HtmlReport;
import io.sparknn.jobs.metrics.MetricsTable;
import io.sparknn.jobs.metrics.ModelMetrics;
import io.sparknn.jobs.metrics.RunMetrics;
import io.sparknn.jobs.report.ClassNames;
import io.sparknn.jobs.report.ModelSummary;
import io.sparknn.jobs.report.ReportDetails;
import io.sparknn.jobs.report.RunEnvironment;
import io.sparknn.jobs.tensorboard.StepRecorder;
import io.sparknn.jobs.tensorboard.TrainingEvents;
import io.sparknn.ml.NeuralNetworkModel;
import io.sparknn.ml.TrainingSummary;
import io.sparknn.train.TrainingDivergedException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train job: reads the input Delta table at one pinned version, holds out validation rows
 * (a seeded fraction or a separate table), fits the configured pipeline, saves the
 * PipelineModel, evaluates it on the held-out rows, writes the metrics JSON and the HTML report,
 * and publishes them together (plus, optionally, one row of the Delta metrics table) only once
 * all of them are written. Every output is checked before the input is read.
 */
public final class TrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Marks the held-out rows given to the estimator for per-epoch validation metrics. */
    static final String VALIDATION_INDICATOR = "__sparknn_validation";

    private final SparkSession spark;

    public TrainJob(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * What a run produced: where things are and the headline figures; {@code secondsToFitted}
     * is the time from the start of the run until the pipeline was fitted (reading and checking
     * the input, training with per-epoch validation), before saving and reporting.
     */
    public record Result(
            String modelPath,
            String metricsPath,
            String reportPath,
            Map<String, Double> metrics,
            TableProvenance input,
            TrainingSummary summary,
            double secondsToFitted) {}

    public Result run(TrainConfig config) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        JobFiles files = new JobFiles(spark.sparkContext().hadoopConfiguration());
        TrainOutputs outputs = TrainOutputs.check(spark, files, config);
        String modelPath = outputs.model();
        DeltaSource source = new DeltaSource(spark);
        DeltaSource.Loaded input = source.read(config.input(), "input");
        Dataset<Row> train = input.rows();
        Dataset<Row> validation = null;
        TableProvenance validationProvenance = null;
        TrainConfig.Validation v = config.validation();
        if (v != null && v.fraction() != null) {
            long seed = v.seed() == null ? 0L : v.seed();
            Dataset<Row>[] split = input.rows().randomSplit(new double[] {1 - v.fraction(), v.fraction()}, seed);
            train = split[0];
            validation = split[1];
        } else if (v != null) {
            DeltaSource.Loaded val = source.read(v.table(), "validation.table");
            validation = val.rows();
            validationProvenance = val.provenance();
        }
        Map<String, String> provenance = new LinkedHashMap<>(input.provenance().asMap("delta."));
        if (validationProvenance != null) {
            provenance.putAll(validationProvenance.asMap("validation.delta."));
        }
        if (config.classNames() != null) {
            // Stored with the model so that evaluate's report names the classes too.
            provenance.put(ClassNames.PROVENANCE_KEY, ClassNames.toJson(config.classNames()));
        }
        TrainingPipeline.Built built = TrainingPipeline.build(
                config, input.rows().schema(), JSON.valueToTree(provenance).toString());
        LOG.info(
                "Training {} on Delta table {} version {}",
                config.name(),
                input.provenance().table(),
                input.provenance().version());
        Dataset<Row> fitRows = validation == null ? train : withValidationRows(train, validation, built, config);
        PipelineModel model;
        double secondsToFitted;
        StepRecorder steps = outputs.tensorboard() == null
                ? null
                : StepRecorder.start(config.output().tensorboardStepIntervalOrDefault());
        try {
            model = built.pipeline().fit(fitRows);
            secondsToFitted = (System.nanoTime() - start) / 1e9;
        } catch (IllegalArgumentException e) {
            throw new InputDataException(e.getMessage(), e);
        } catch (TrainingSetupException | TrainingDivergedException e) {
            // Both are fixed in the config (slots, checkpoint dir, heap; learning rate, clipping,
            // feature scaling), and a rerun as it is would fail the same way.
            throw new ConfigException(e.getMessage(), e);
        } finally {
            if (steps != null) {
                steps.close();
            }
        }
        // Nothing is published until every output is written: the model, metrics and report appear
        // together (and the metrics-table row is added) or the previous ones stay.
        Map<String, Double> metrics = Map.of();
        ModelMetrics.Evaluation evaluation = null;
        TrainingSummary summary;
        RunMetrics run;
        try (Publication publication = files.publication()) {
            save(model, publication.stage(modelPath, OutputKind.MODEL, "output.model"));
            if (validation != null) {
                evaluation = ModelMetrics.evaluate(model, validation, config.classNames());
                metrics = evaluation.metrics();
            }
            NeuralNetworkModel<?> nn = (NeuralNetworkModel<?>) ModelMetrics.networkStage(model);
            summary = nn.summary();
            run = new RunMetrics(
                    "train",
                    config.name(),
                    startedAt,
                    (System.nanoTime() - start) / 1e9,
                    modelPath,
                    input.provenance(),
                    validationProvenance,
                    estimatorParams(built),
                    metrics,
                    summary.history(),
                    new ReportDetails(
                            ModelSummary.of(nn.network(), frozenLayers(built)),
                            evaluation == null ? null : evaluation.classification(),
                            evaluation == null ? null : evaluation.regression(),
                            RunEnvironment.of(spark, built.estimator())));
            publication.stageText(outputs.metrics(), run.toJson(), OutputKind.METRICS_JSON, "output.metrics");
            publication.stageText(outputs.report(), HtmlReport.render(run), OutputKind.HTML_REPORT, "output.report");
            publication.publish();
            if (outputs.metricsTable() != null) {
                new MetricsTable(spark).append(outputs.metricsTable(), run);
            }
            publication.commit();
        }
        if (outputs.tensorboard() != null) {
            String board = TrainingEvents.write(
                    spark.sparkContext().hadoopConfiguration(),
                    outputs.tensorboard(),
                    config,
                    startedAt,
                    summary.history(),
                    metrics,
                    steps.points());
            LOG.info("TensorBoard run written to {} (tensorboard --logdir {})", board, outputs.tensorboard());
        }
        return new Result(
                modelPath, outputs.metrics(), outputs.report(), metrics, input.provenance(), summary, secondsToFitted);
    }

    /**
     * The held-out rows also go to the estimator, marked by an indicator column, so that every
     * epoch reports validation loss and accuracy (the report's curves) without training on them.
     * Skipped when the config chose its own per-epoch validation.
     */
    private static Dataset<Row> withValidationRows(
            Dataset<Row> train, Dataset<Row> validation, TrainingPipeline.Built built, TrainConfig config) {
        Params est = built.estimator();
        if (config.estimatorOrEmpty().containsKey("validationIndicatorCol")
                || config.estimatorOrEmpty().containsKey("validationFraction")) {
            return train;
        }
        java.util.List<String> have = java.util.Arrays.asList(validation.columns());
        for (String c : train.columns()) {
            if (!have.contains(c)) {
                throw new InputDataException("Column '" + c + "' of the input table is missing from the validation "
                        + "rows (columns " + have + "). Give validation.table the same columns as input.");
            }
        }
        Column[] cols = java.util.Arrays.stream(train.columns())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
        est.set(est.getParam("validationIndicatorCol"), VALIDATION_INDICATOR);
        return train.select(cols)
                .withColumn(VALIDATION_INDICATOR, lit(false))
                .union(validation.select(cols).withColumn(VALIDATION_INDICATOR, lit(true)));
    }

    private static int[] frozenLayers(TrainingPipeline.Built built) {
        Params est = built.estimator();
        return est.hasParam("frozenLayers") ? (int[]) est.getOrDefault(est.getParam("frozenLayers")) : new int[0];
    }

    private static void save(PipelineModel model, String dir) {
        try {
            model.write().save(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> estimatorParams(TrainingPipeline.Built built) {
        Map<String, String> m = new TreeMap<>();
        Params est = built.estimator();
        for (Param<?> p : est.params()) {
            if (est.isDefined(p) && !p.name().equals("provenance")) {
                m.put(p.name(), String.valueOf(valueText(est.getOrDefault(p))));
            }
        }
        return m;
    }

    private static Object valueText(Object v) {
        if (v instanceof int[] a) {
            return java.util.Arrays.toString(a);
        }
        if (v instanceof String[] a) {
            return java.util.Arrays.toString(a);
        }
        return v;
    }
}
