package io.sparknn.jobs.cli;

import io.sparknn.jobs.JobSpark;
import io.sparknn.jobs.export.ExportJob;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export --model DIR --out FILE.onnx [--overwrite]}. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the spark-nn model of a saved PipelineModel (or model directory) as an ONNX model (opset 17) "
                    + "for ONNX Runtime or any ONNX server. Input 'features': float [N, F], the network's feature "
                    + "vector; output 'probability' (classifiers) or 'prediction' (regressors).",
            "The last line on stdout is the ONNX file's path."
        })
public final class ExportCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "PipelineModel directory saved by train (output.model), or a saved spark-nn model "
                    + "directory; any Hadoop FS URI")
    String model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the ONNX file to write (local)")
    Path out;

    @Option(names = "--overwrite", description = "replace --out if it exists (refused without this flag)")
    boolean overwrite;

    @Override
    public Integer call() {
        ExportJob.checkOutput(out, overwrite); // before a SparkSession is started
        SparkSession spark = JobSpark.session("spark-nn export " + model, Map.of());
        Printer.export(new ExportJob(spark).run(model, out, overwrite));
        return 0;
    }
}
