package io.sparknn.jobs.cli;

import io.sparknn.jobs.ConfigException;
import io.sparknn.jobs.JobSpark;
import io.sparknn.jobs.evaluate.EvaluateJob;
import io.sparknn.jobs.io.JobFiles;
import io.sparknn.jobs.io.OutputKind;
import io.sparknn.jobs.metrics.HtmlReport;
import io.sparknn.jobs.metrics.RunMetrics;
import io.sparknn.jobs.report.ReportPath;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report --metrics FILE.json [--out FILE.html]} or {@code report --model DIR --input TABLE [--out FILE.html]}. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Draws the HTML report again without retraining: from the metrics JSON of a train or evaluate run "
                    + "(--metrics; no Spark needed), or by evaluating a saved model on a table (--model and --input, "
                    + "which also writes <model>.evaluation.json).",
            "The last line on stdout is the report path."
        })
public final class ReportCommand implements Callable<Integer> {
    @ArgGroup(multiplicity = "1")
    Source source;

    /** Exactly one of: the metrics JSON, or a model and a table to evaluate. */
    static final class Source {
        @Option(
                names = "--metrics",
                required = true,
                paramLabel = "FILE",
                description = "metrics JSON a train or evaluate run wrote; any Hadoop FS URI")
        String metrics;

        @ArgGroup(exclusive = false)
        Evaluation evaluation;
    }

    static final class Evaluation {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "PipelineModel directory")
        String model;

        @Option(names = "--input", required = true, paramLabel = "TABLE", description = "labelled Delta table")
        String input;
    }

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "report path, any Hadoop FS URI (default: beside the metrics JSON, .json becoming .html)")
    String out;

    @Override
    public Integer call() {
        if (source.metrics == null) {
            ModelInputOptions in = new ModelInputOptions();
            in.model = source.evaluation.model;
            in.input = source.evaluation.input;
            SparkSession spark = JobSpark.session("spark-nn report " + in.model + " on " + in.input, Map.of());
            EvaluateJob.Result r = new EvaluateJob(spark).run(in.model, in.inputRef(), null, out);
            Printer.evaluate(r);
            System.out.println(r.reportPath());
            return 0;
        }
        JobFiles files = new JobFiles(new Configuration());
        String metrics = files.qualify(source.metrics, "--metrics");
        RunMetrics run;
        try {
            run = RunMetrics.fromJson(files.readText(metrics, "--metrics"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "--metrics '" + metrics + "' cannot be read: " + e.getMessage()
                            + ". Give the metrics JSON of a train or evaluate run.",
                    e);
        }
        String report = files.qualify(out != null ? out : ReportPath.besideMetrics(metrics), "--out");
        files.checkReplaceable(report, OutputKind.HTML_REPORT, "--out");
        files.writeText(report, HtmlReport.render(run), OutputKind.HTML_REPORT, "--out");
        System.out.println(report);
        return 0;
    }
}
