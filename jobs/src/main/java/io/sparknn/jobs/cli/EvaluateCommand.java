package io.sparknn.jobs.cli;

import io.sparknn.jobs.JobSpark;
import io.sparknn.jobs.delta.TableRef;
import io.sparknn.jobs.evaluate.EvaluateJob;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate --model DIR --input TABLE [--input-version V] [--input-filter SQL] [--output FILE.json]}. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Computes the metrics of a saved PipelineModel on one pinned version of a labelled Delta table "
                    + "(accuracy, f1, weighted precision/recall, AUC-ROC/PR when binary; RMSE/MAE/R2 for regression) and "
                    + "writes them as JSON.",
            "The last line on stdout is the metrics JSON path (for Airflow XCom)."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelInputOptions in;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "metrics JSON path, any Hadoop FS URI (default: <model>.evaluation.json next to the model)")
    String output;

    @Override
    public Integer call() {
        TableRef input = in.inputRef();
        SparkSession spark = JobSpark.session("spark-nn evaluate " + in.model + " on " + in.input, Map.of());
        EvaluateJob.Result r = new EvaluateJob(spark).run(in.model, input, output);
        Printer.evaluate(r);
        return 0;
    }
}
