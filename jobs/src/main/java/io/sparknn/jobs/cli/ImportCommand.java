package io.sparknn.jobs.cli;

import io.sparknn.jobs.JobSpark;
import io.sparknn.jobs.modelimport.ImportJob;
import io.sparknn.jobs.modelimport.ModelTask;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import --from FILE --out DIR [--task classification|regression]}. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Imports a model trained elsewhere (Keras .keras or .h5; ONNX .onnx when the ONNX importer is on the "
                    + "classpath) as a spark-nn PipelineModel that score runs and train fine-tunes "
                    + "(estimator.initialModelPath). The model reads the 'features' column; image models take "
                    + "each image channel by channel ([channels, height, width]).",
            "The last line on stdout is the model directory."
        })
public final class ImportCommand implements Callable<Integer> {
    @Option(
            names = "--from",
            required = true,
            paramLabel = "FILE",
            description = "the model file on the local disk: .keras, .h5 (Keras), .onnx")
    String from;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "where to save the PipelineModel; any Hadoop FS URI. An existing directory is replaced "
                    + "only if it is a model a spark-nn job saved")
    String out;

    @Option(
            names = "--task",
            paramLabel = "TASK",
            description = "classification or regression (default: classification when the model ends in softmax, "
                    + "or sigmoid over one unit; else regression)")
    String task;

    @Override
    public Integer call() {
        // The file is read and checked before a SparkSession is started.
        ImportJob.Imported imported = ImportJob.read(from, task == null ? null : ModelTask.parse(task));
        ImportJob.Result r = ImportJob.write(JobSpark.session("spark-nn import " + from, Map.of()), imported, out);
        Printer.imported(r);
        return 0;
    }
}
