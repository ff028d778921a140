package io.sparknn.jobs.evaluate;

import io.sparknn.jobs.InputDataException;
import io.sparknn.jobs.delta.DeltaSource;
import io.sparknn.jobs.delta.TableProvenance;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.io.OutputKind;
import io.sparknn.jobs.metrics.HtmlReport;
import io.sparknn.jobs.metrics.ModelMetrics;
import io.sparknn.jobs.metrics.RunMetrics;
import io.sparknn.jobs.model.SavedPipeline;
import io.sparknn.jobs.report.ClassNames;
import io.sparknn.jobs.report.ModelSummary;
import io.sparknn.jobs.report.ReportDetails;
import io.sparknn.jobs.report.ReportPath;
import io.sparknn.jobs.report.RunEnvironment;
import io.sparknn.ml.NeuralNetworkModel;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a saved model on a Delta table read at one pinned version: accuracy, weighted
 * F1/precision/recall (and AUC-ROC/PR for binary classifiers) or RMSE/MAE/R2, from MLlib's
 * evaluators. The metrics JSON goes to {@code output}, or next to the model as
 * {@code <model>.evaluation.json}; the HTML report (confusion matrix or regression plots, the
 * model summary) next to it with {@code .html} for {@code .json}.
 */
public final class EvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

    private final SparkSession spark;

    public EvaluateJob(SparkSession spark) {
        this.spark = spark;
    }

    public record Result(
            String modelPath,
            TableProvenance input,
            Map<String, Double> metrics,
            String metricsPath,
            String reportPath) {}

    /** @param output the metrics JSON path, or null for {@code <model>.evaluation.json} */
    public Result run(String modelUri, TableRef input, String output) {
        return run(modelUri, input, output, null);
    }

    /** @param report the HTML report path, or null for beside the metrics JSON */
    public Result run(String modelUri, TableRef input, String output, String report) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        JobFiles files = new JobFiles(spark.sparkContext().hadoopConfiguration());
        SavedPipeline model = SavedPipeline.load(files, modelUri, "--model");
        String option = "--output";
        String metricsPath = files.qualify(output != null ? output : model.path() + ".evaluation.json", option);
        files.checkReplaceable(metricsPath, OutputKind.METRICS_JSON, option);
        String reportOption = report != null ? "--out" : option;
        String reportPath =
                files.qualify(report != null ? report : ReportPath.besideMetrics(metricsPath), reportOption);
        files.checkReplaceable(reportPath, OutputKind.HTML_REPORT, reportOption);
        TableRef ref = input.isPath() ? input.withPath(files.qualify(input.path(), "--input")) : input;
        DeltaSource.Loaded data = new DeltaSource(spark).read(ref, "input");
        String where = "input table '" + data.provenance().table() + "' version "
                + data.provenance().version();
        model.checkInput(data.rows().schema(), where);
        String label = model.networkColumn("labelCol");
        if (label != null && !Arrays.asList(data.rows().columns()).contains(label)) {
            throw new InputDataException("Column '" + label + "' (the label column model '" + model.path()
                    + "' was trained with) is not in " + where + " (columns "
                    + Arrays.toString(data.rows().columns())
                    + "). Evaluate on a table that has labels.");
        }
        EvaluationLabels.check(model, data.rows(), where);
        LOG.info("Evaluating {} on {}", model.path(), where);
        NeuralNetworkModel<?> nn = (NeuralNetworkModel<?>) model.network();
        ModelMetrics.Evaluation evaluation = ModelMetrics.evaluate(
                model.pipeline(), data.rows(), ClassNames.of(nn.summary().provenance()));
        Map<String, Double> metrics = evaluation.metrics();
        RunMetrics run = new RunMetrics(
                "evaluate",
                null,
                startedAt,
                (System.nanoTime() - start) / 1e9,
                model.path(),
                data.provenance(),
                null,
                null,
                metrics,
                null,
                new ReportDetails(
                        ModelSummary.of(nn.network(), new int[0]),
                        evaluation.classification(),
                        evaluation.regression(),
                        RunEnvironment.of(spark, model.network())));
        files.writeText(reportPath, HtmlReport.render(run), OutputKind.HTML_REPORT, reportOption);
        files.writeText(metricsPath, run.toJson(), OutputKind.METRICS_JSON, option);
        return new Result(model.path(), data.provenance(), metrics, metricsPath, reportPath);
    }
}
